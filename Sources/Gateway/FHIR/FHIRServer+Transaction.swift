import FHIR
import Foundation
import GRDB
import PhotoGateCore
import Storage

/// `POST /fhir` with a `transaction` Bundle (FHIR R4 http.html#transaction): all or nothing.
///
/// 1. Outside the database: every entry is read (a bad one fails the whole Bundle), and the
///    photos of Media entries are wrapped and sealed (blobs written and fsynced; removed again
///    when the transaction does not commit).
/// 2. One database transaction: each write entry's target is resolved (new ids assigned,
///    `ifNoneExist` and conditional updates matched, `ifMatch` checked), references to the
///    entries' `fullUrl`s (`urn:uuid:…`) are rewritten to `Type/id`, then the entries are
///    processed — deletes, then Patients, Media, Consents (a Media needs its patient, a
///    Consent may name its patient and Media), each through the same core operations as a
///    single write, with their audit records and events. The first failure rolls everything
///    back: no resource, version, asset, event or audit record of the Bundle stays.
/// 3. The answer: a `transaction-response` with one entry per request entry, in order.
extension FHIRServer {
    /// What one entry came to.
    struct EntryResult: Sendable {
        var status: Int
        var written: Written?
        /// For an entry answered without a stored version (Binary consumed by a Media).
        var location: String?
    }

    func transaction(_ bundle: FHIR.Bundle, base: String, by who: Principal) async throws -> [EntryResult] {
        var operations: [FHIRBundleOperation] = []
        for (i, entry) in bundle.entry.enumerated() {
            do { operations.append(try FHIRBundleOperation.read(entry, index: i, allowRead: false)) } catch {
                throw FHIRBundleOperation.EntryFailure(i, error).asRequestFailure
            }
        }
        let fullUrls = operations.compactMap(\.fullUrl)
        if let dup = Dictionary(grouping: fullUrls, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw FHIRFailure(400, .invalid, "fullUrl '\(dup)' is used by more than one entry")
        }
        var prepared: [Int: (MediaInput, PreparedAsset)] = [:]
        func discardAll() {
            for (_, p) in prepared {
                gateway.discard(p.1)
            }
        }
        do {
            // 1. Photos, outside the transaction.
            var binaries: [String: FHIR.Binary] = [:], patientEntries: [String: FHIR.Patient] = [:]
            for op in operations {
                if case .create(_, .binary(let b), _) = op.action, let url = op.fullUrl { binaries[url] = b }
                if case .patient(let p)? = op.resource, let url = op.fullUrl { patientEntries[url] = p }
            }
            let patients = patientEntries
            var consumed: Set<String> = []
            for op in operations {
                guard case .create(_, .media(let media), let ifNoneExist) = op.action else { continue }
                do {
                    guard ifNoneExist == nil else { throw FHIRFailure(400, .notSupported, "conditional create is not supported for Media") }
                    let input = try mediaInput(media, binaries: binaries)
                    if media.content.data == nil, let url = media.content.url { consumed.insert(url) }
                    let (identifier, subject, coreID) = try await gateway.database.reader.read { db in
                        try self.mediaSubject(db, media, patients: patients)
                    }
                    prepared[op.index] = (input, try await prepareMedia(input, identifier: identifier, subject: subject, coreID: coreID))
                } catch { throw FHIRBundleOperation.EntryFailure(op.index, error) }
            }
            for op in operations {
                if case .create(_, .binary, _) = op.action, !consumed.contains(op.fullUrl ?? "") {
                    throw FHIRBundleOperation.EntryFailure(op.index, FHIRFailure(
                        422, .businessRule, "a Binary is stored as the photo of a Media: name it in Media.content.url of the same transaction"))
                }
            }
            // 2. One database transaction.
            let media = prepared, ops = operations
            let results = try await gateway.writer.write { db in try self.apply(db, ops, media: media, base: base, by: who) }
            for (_, p) in prepared { gateway.metrics.upload(bytes: p.1.byteCount) }
            return results
        } catch let e as FHIRBundleOperation.EntryFailure {
            discardAll()
            if e.failure.status.code >= 500, !(e.cause is FHIRFailure) {
                gateway.logInternalError(e.cause, during: "FHIR transaction entry \(e.index)")
            }
            throw e.asRequestFailure
        } catch {
            discardAll()
            throw error
        }
    }

    /// Step 2 inside the transaction: resolve, rewrite, process. Returns the results by entry.
    func apply(_ db: Database, _ operations: [FHIRBundleOperation], media: [Int: (MediaInput, PreparedAsset)], base: String,
               by who: Principal) throws -> [EntryResult] {
        // Resolve every write target; map fullUrls to Type/id.
        var resolved: [Int: Resolved] = [:]
        var references: [String: String] = [:]
        var targets: [String: Int] = [:]
        for op in operations {
            do {
                var id: String?
                switch op.action {
                case .create(let type, let resource, let ifNoneExist):
                    switch resource {
                    case .media: id = media[op.index]?.1.id
                    case .binary:
                        id = operations.lazy.compactMap { o -> String? in
                            guard case .media(let m)? = o.resource, m.content.url == op.fullUrl else { return nil }
                            return media[o.index]?.1.id
                        }.first
                    default:
                        let r = try resolve(db, type: type, target: .create(ifNoneExist: ifNoneExist), bodyID: nil,
                                            parameters: Self.parameters(type))
                        resolved[op.index] = r
                        id = r.matched?.id ?? r.id
                    }
                case .update(let type, let target, let resource, let ifMatch):
                    let r = try resolve(db, type: type, target: .update(id: target, ifMatch: ifMatch), bodyID: resource.id,
                                        parameters: Self.parameters(type))
                    resolved[op.index] = r
                    id = r.id
                case .conditionalUpdate(let type, let query, let resource, let ifMatch):
                    let r = try resolve(db, type: type, target: .conditionalUpdate(query: query, ifMatch: ifMatch),
                                        bodyID: resource.id, parameters: Self.parameters(type))
                    resolved[op.index] = r
                    id = r.id
                case .delete(_, let target): id = target
                case .read: break
                }
                guard let id else { continue }
                let key = "\(op.type)/\(id)"
                if let other = targets[key], resolved[op.index]?.matched == nil {
                    throw FHIRFailure(400, .invalid, "entries \(other) and \(op.index) both change \(key)")
                }
                targets[key] = op.index
                if let url = op.fullUrl { references[url] = key }
            } catch { throw FHIRBundleOperation.EntryFailure(op.index, error) }
        }
        // Process: deletes, then Patients, Media, Consents; each in entry order.
        func rank(_ op: FHIRBundleOperation) -> Int {
            if case .delete = op.action { return 0 }
            return ["Patient": 1, "Binary": 2, "Media": 3, "Consent": 4][op.type] ?? 5
        }
        var results: [Int: EntryResult] = [:]
        for op in operations.sorted(by: { (rank($0), $0.index) < (rank($1), $1.index) }) {
            do {
                let resource = try op.resource.map { try Self.rewrite($0, references) }
                switch (op.action, resource) {
                case (.delete(_, let id), _):
                    _ = try deleteConsent(db, id: id, by: who)
                    results[op.index] = EntryResult(status: 204)
                case (_, .patient(let p)?):
                    let w = try writePatient(db, p, target: .create(ifNoneExist: nil), resolved: resolved[op.index], by: who)
                    results[op.index] = EntryResult(status: w.created ? 201 : 200, written: w)
                case (_, .consent(let c)?):
                    let w = try writeConsent(db, c, target: .create(ifNoneExist: nil), resolved: resolved[op.index], by: who)
                    results[op.index] = EntryResult(status: w.created ? 201 : 200, written: w)
                case (_, .media(let m)?):
                    guard var pair = media[op.index] else { throw FHIRFailure(500, .exception, "the photo was not prepared") }
                    pair.0.media = m
                    let w = try createMedia(db, pair.0, pair.1, base: base, by: who)
                    results[op.index] = EntryResult(status: 201, written: w)
                case (_, .binary?):
                    results[op.index] = EntryResult(status: 201, location: references[op.fullUrl ?? ""])
                default:
                    throw FHIRFailure(400, .notSupported, "this entry cannot be processed in a transaction")
                }
            } catch { throw FHIRBundleOperation.EntryFailure(op.index, error) }
        }
        return operations.map { results[$0.index] ?? EntryResult(status: 500) }
    }

    /// The search parameters of a stored type (conditional matching).
    static func parameters(_ type: String) -> [FHIRSearchParameter] {
        switch type {
        case "Patient": patientParameters
        case "Consent": consentParameters
        default: []
        }
    }

    /// The resource with every reference to an entry's `fullUrl` replaced by `Type/id`
    /// (http.html#trules). A `urn:uuid:` / `urn:oid:` reference that names no entry is an error.
    static func rewrite(_ resource: FHIRResource, _ references: [String: String]) throws -> FHIRResource {
        var json = FHIRJSON.encodeString(resource)
        guard json.contains("\"reference\":\"") else { return resource }
        for (url, target) in references where json.contains("\"reference\":\"\(url)\"") {
            json = json.replacingOccurrences(of: "\"reference\":\"\(url)\"", with: "\"reference\":\"\(target)\"")
        }
        for scheme in ["urn:uuid:", "urn:oid:"] {
            if let range = json.range(of: "\"reference\":\"\(scheme)") {
                let rest = json[range.upperBound...]
                let value = scheme + rest.prefix { $0 != "\"" }
                throw FHIRFailure(400, .notFound, "the reference '\(value)' names no entry of this Bundle")
            }
        }
        return try FHIRJSON.decode(Data(json.utf8))
    }
}
