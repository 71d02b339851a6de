import FHIR
import Foundation
import GRDB
import PhotoGateCore
import Storage

/// The FHIR R4 interactions over the gateway: versioned storage of the raw resources
/// (`fhirResource` / `fhirVersion`) and the mapping onto the core (Patient → patient,
/// Consent → consent, Media → asset; AuditEvent is read from the audit trail).
/// Interactions per resource type live in `FHIRServer+<Type>.swift`.
///
/// Every write runs inside one database transaction: the checks (`If-Match`, conditional
/// matches), the core change (through the gateway's `apply…(db, …)` operations, with their
/// audit records and events) and the FHIR version commit together or not at all. Writes are
/// serialised by the gateway's single writer (``GroupCommitWriter``), so nothing slips between
/// a check and its commit; the client gets 201/200 only after the commit (`synchronous=FULL`).
struct FHIRServer: Sendable {
    let gateway: Gateway

    /// The outcome of a write: the stored version and whether it created the resource.
    struct Written: Sendable {
        var version: FHIRStoredVersion
        var created: Bool
        /// True when nothing was written (conditional create that matched).
        var existing: Bool = false
        /// False for resources that are views of core records (Media): no version history,
        /// so no ETag and a `Location` without `_history`.
        var versioned: Bool = true
    }

    /// Where a write goes (FHIR R4 http.html#create, #update, #cond-update).
    enum Target: Sendable {
        case create(ifNoneExist: String?)
        case update(id: String, ifMatch: Int?)
        case conditionalUpdate(query: [(String, String)], ifMatch: Int?)
    }

    /// The resolved target: the id to write and the current version (nil = create).
    struct Resolved: Sendable {
        var id: String
        var current: FHIRCurrentVersion?
        /// A conditional create matched this resource: nothing to write.
        var matched: FHIRStoredVersion?
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
    }

    /// Resolves a write target (inside a read transaction). Conditional matching uses the
    /// search parameters of the type; `bodyID` is the id in the resource.
    func resolve(_ db: Database, type: String, target: Target, bodyID: String?, parameters: [FHIRSearchParameter]) throws
        -> Resolved
    {
        switch target {
        case .create(let ifNoneExist):
            if let ifNoneExist {
                let query = Self.parseQuery(ifNoneExist)
                let criteria = try FHIRSearchParameter.criteria(query, supported: parameters)
                guard !criteria.isEmpty else { throw FHIRFailure(400, .invalid, "If-None-Exist needs search parameters") }
                let (total, ids) = try FHIRResourceStore.search(db, type: type, criteria: criteria, count: 2, offset: 0)
                if total > 1 {
                    throw FHIRFailure(412, .multipleMatches, "If-None-Exist '\(ifNoneExist)' matches \(total) resources")
                }
                if total == 1, let v = try FHIRResourceStore.latest(db, type: type, id: ids[0]) {
                    return Resolved(id: ids[0], current: nil, matched: v)
                }
            }
            return Resolved(id: gateway.newID(), current: nil)
        case .update(let id, let ifMatch):
            guard Self.isValidID(id) else { throw FHIRFailure(400, .invalid, "'\(id)' is not a valid resource id") }
            guard let bodyID else {
                throw FHIRFailure(400, .required, "the resource needs an id matching the URL (\(id)) for an update", expression: ["\(type).id"])
            }
            guard bodyID == id else {
                throw FHIRFailure(400, .invalid, "the resource id '\(bodyID)' does not match the URL id '\(id)'", expression: ["\(type).id"])
            }
            let current = try FHIRResourceStore.current(db, type: type, id: id)
            try Self.check(ifMatch: ifMatch, current: current, type: type, id: id)
            return Resolved(id: id, current: current)
        case .conditionalUpdate(let query, let ifMatch):
            let criteria = try FHIRSearchParameter.criteria(query, supported: parameters)
            guard !criteria.isEmpty else { throw FHIRFailure(400, .invalid, "a conditional update needs search parameters") }
            let (total, ids) = try FHIRResourceStore.search(db, type: type, criteria: criteria, count: 2, offset: 0)
            if total > 1 {
                throw FHIRFailure(412, .multipleMatches, "the conditional update matches \(total) resources; be more specific")
            }
            if total == 1 {
                if let bodyID, bodyID != ids[0] {
                    throw FHIRFailure(400, .invalid, "the resource id '\(bodyID)' is not the id of the matching resource (\(ids[0]))")
                }
                let current = try FHIRResourceStore.current(db, type: type, id: ids[0])
                try Self.check(ifMatch: ifMatch, current: current, type: type, id: ids[0])
                return Resolved(id: ids[0], current: current)
            }
            if let bodyID {
                guard Self.isValidID(bodyID) else { throw FHIRFailure(400, .invalid, "'\(bodyID)' is not a valid resource id") }
                if let existing = try FHIRResourceStore.current(db, type: type, id: bodyID), !existing.deleted {
                    throw FHIRFailure(409, .conflict, "\(type)/\(bodyID) exists but does not match the search criteria")
                }
                return Resolved(id: bodyID, current: try FHIRResourceStore.current(db, type: type, id: bodyID))
            }
            return Resolved(id: gateway.newID(), current: nil)
        }
    }

    static func check(ifMatch: Int?, current: FHIRCurrentVersion?, type: String, id: String) throws {
        guard let ifMatch else { return }
        guard let current, !current.deleted else {
            throw FHIRFailure(412, .conflict, "If-Match W/\"\(ifMatch)\" but \(type)/\(id) does not exist")
        }
        guard current.versionId == ifMatch else {
            throw FHIRFailure(412, .conflict, "If-Match W/\"\(ifMatch)\" but the current version of \(type)/\(id) is \(current.versionId)")
        }
    }

    /// `a=1&b=2` (with or without a leading `?` or a type: `Patient?a=1`), percent-decoded.
    static func parseQuery(_ text: String) -> [(String, String)] {
        var q = Substring(text)
        if let mark = q.firstIndex(of: "?") { q = q[q.index(after: mark)...] }
        return q.split(separator: "&").compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { return nil }
            return (kv[0].removingPercentEncoding ?? kv[0], kv[1].removingPercentEncoding ?? kv[1])
        }
    }

    /// The resource with its id and server-assigned `meta.versionId` / `meta.lastUpdated`,
    /// as stored (JSON).
    static func stamped(_ resource: FHIRResource, id: String, versionId: Int, at: Date) -> String {
        stamped(resource, id: id, versionId: String(versionId), at: at)
    }

    static func stamped(_ resource: FHIRResource, id: String, versionId: String, at: Date) -> String {
        String(decoding: stampedBytes(resource, id: id, versionId: versionId, at: at), as: UTF8.self)
    }

    /// The JSON of `resource` as version `versionId` of `id`, last updated `at`, as UTF-8.
    static func stampedBytes(_ resource: FHIRResource, id: String, versionId: String, at: Date) -> [UInt8] {
        func meta(_ m: Meta?) -> Meta {
            var m = m ?? Meta()
            m.versionId = versionId
            m.lastUpdated = FHIRTemporal.instant(at)
            return m
        }
        var r = resource
        switch resource {
        case .patient(var p): p.id = id; p.meta = meta(p.meta); r = .patient(p)
        case .consent(var c): c.id = id; c.meta = meta(c.meta); r = .consent(c)
        default: break
        }
        return FHIRJSON.encodeBytes(r)
    }

    // MARK: - Reads shared by every type

    /// The current version; 404 when unknown, 410 when deleted (http.html#read). Audited,
    /// failures too.
    func read(type: String, id: String, by who: Principal) async throws -> FHIRStoredVersion {
        try await gateway.writer.write { db -> Result<FHIRStoredVersion, FHIRFailure> in
            let current = try FHIRResourceStore.current(db, type: type, id: id)
            try self.gateway.audit(db, who, "fhir.read", patient: try self.patientID(db, current),
                                   outcome: current == nil ? "not-found" : "success", detail: ["resource": "\(type)/\(id)"])
            guard let current else { return .failure(FHIRFailure(404, .notFound, "\(type)/\(id) is not known")) }
            guard !current.deleted, let v = try FHIRResourceStore.version(db, type: type, id: id, versionId: current.versionId)
            else { return .failure(FHIRFailure(410, .deleted, "\(type)/\(id) was deleted (version \(current.versionId))")) }
            return .success(v)
        }.get()
    }

    /// One version (http.html#vread): 404 when unknown, 410 for a delete version. Audited.
    func vread(type: String, id: String, versionId: String, by who: Principal) async throws -> FHIRStoredVersion {
        try await gateway.writer.write { db -> Result<FHIRStoredVersion, FHIRFailure> in
            let current = try FHIRResourceStore.current(db, type: type, id: id)
            let v = try Int(versionId).flatMap { try FHIRResourceStore.version(db, type: type, id: id, versionId: $0) }
            try self.gateway.audit(db, who, "fhir.vread", patient: try self.patientID(db, current),
                                   outcome: v == nil ? "not-found" : "success",
                                   detail: ["resource": "\(type)/\(id)/_history/\(versionId)"])
            guard let v else { return .failure(FHIRFailure(404, .notFound, "\(type)/\(id)/_history/\(versionId) is not known")) }
            guard !v.deleted else { return .failure(FHIRFailure(410, .deleted, "\(type)/\(id) version \(versionId) is a delete")) }
            return .success(v)
        }.get()
    }

    /// Every version, newest first (http.html#history). Audited.
    func history(type: String, id: String, by who: Principal) async throws -> [FHIRStoredVersion] {
        try await gateway.writer.write { db -> Result<[FHIRStoredVersion], FHIRFailure> in
            let current = try FHIRResourceStore.current(db, type: type, id: id)
            try self.gateway.audit(db, who, "fhir.history", patient: try self.patientID(db, current),
                                   outcome: current == nil ? "not-found" : "success", detail: ["resource": "\(type)/\(id)"])
            guard current != nil else { return .failure(FHIRFailure(404, .notFound, "\(type)/\(id) is not known")) }
            return .success(try FHIRResourceStore.history(db, type: type, id: id))
        }.get()
    }

    /// One page of matches with the total (http.html#search). Audited.
    func search(type: String, query: [(String, String)], parameters: [FHIRSearchParameter], count: Int, offset: Int,
                by who: Principal) async throws -> (total: Int, matches: [FHIRStoredVersion])
    {
        let criteria = try FHIRSearchParameter.criteria(query, supported: parameters)
        return try await gateway.writer.write { db in
            let (total, ids) = try FHIRResourceStore.search(db, type: type, criteria: criteria, count: count, offset: offset)
            let matches = try ids.compactMap { try FHIRResourceStore.latest(db, type: type, id: $0) }
            try self.gateway.audit(db, who, "fhir.search", detail: [
                "type": type, "query": query.filter { $0.0 != "_format" }.map { "\($0.0)=\($0.1)" }.joined(separator: "&"),
                "total": String(total), "returned": matches.map { "\(type)/\($0.id)" }.joined(separator: ","),
            ])
            return (total, matches)
        }
    }

    /// The core patient a resource concerns (for the audit trail).
    func patientID(_ db: Database, _ current: FHIRCurrentVersion?) throws -> String? {
        guard let current, let core = current.coreId else { return nil }
        switch current.type {
        case "Patient": return core
        case "Consent": return try ConsentRepository.find(db, id: core)?.patientID
        default: return nil
        }
    }
}

extension FHIRServer {
    /// Brings the search indexes of stored resources up to their current definitions (at
    /// start; cheap when nothing changed).
    func reindexIfNeeded() {
        do {
            try gateway.database.writer.write { db in try self.reindexConsentsIfNeeded(db) }
        } catch {
            gateway.logger.error("cannot rebuild the FHIR search index", metadata: ["pg.error": "\(error)"])
        }
    }
}
