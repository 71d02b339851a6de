import FHIR
import Foundation
import GRDB
import PhotoGateCore
import Storage

/// FHIR AuditEvent = the gateway's hash-chained audit trail (FHIR R4 auditevent.html), read
/// only: `AuditEvent/{seq}` is record `seq`, built when read. Each carries the record's chain
/// hash in an extension, so a reader can check it against `photogate audit verify`. Reading
/// the trail is itself audited (`audit.read`).
extension FHIRServer {
    static let auditEventParameters: [FHIRSearchParameter] = [
        FHIRSearchParameter(name: "_id", type: .token, documentation: "The audit record's sequence number"),
        FHIRSearchParameter(name: "entity", type: .reference,
                            documentation: "What the event is about: Patient/{id}, Media/{id}, Consent/{id} (or any Type/{id} a FHIR interaction named)"),
        FHIRSearchParameter(name: "agent", type: .reference, documentation: "Who did it: the token name (AuditEvent.agent.who.identifier.value)"),
        FHIRSearchParameter(name: "date", type: .date, documentation: "When it was recorded, with eq, ne, lt, le, gt, ge"),
    ]

    static let auditHashExtension = "http://photogate.org/fhir/StructureDefinition/audit-chain-hash"
    static let tokenSystem = "http://photogate.org/fhir/sid/token"

    /// Read: 404 when there is no such record. Audited.
    func readAuditEvent(id: String, by who: Principal) async throws -> FHIR.AuditEvent {
        try await gateway.writer.write { db -> Result<FHIR.AuditEvent, FHIRFailure> in
            try self.gateway.audit(db, who, "audit.read", detail: ["resource": "AuditEvent/\(id)"])
            guard let seq = Int64(id), let (entry, hash) = try AuditLog.record(db, seq: seq) else {
                return .failure(FHIRFailure(404, .notFound, "AuditEvent/\(id) is not known"))
            }
            return .success(try self.auditEvent(db, entry, hash: hash))
        }.get()
    }

    /// Search (`_id`, `entity`, `agent`, `date`): the total and one page, newest first. Audited.
    func searchAuditEvents(query: [(String, String)], count: Int, offset: Int, by who: Principal) async throws
        -> (total: Int, matches: [FHIR.AuditEvent])
    {
        let values = try FHIRSearchParameter.values(query, supported: Self.auditEventParameters)
        var q = AuditLog.Query()
        for v in values["date"] ?? [] { q.dates.append(try FHIRSearchParameter.dateMatches("date", v)) }
        for v in values["_id"] ?? [] {
            let seqs = v.split(separator: ",").compactMap { Int64($0) }
            q.seqs = q.seqs.map { $0.filter(seqs.contains) } ?? seqs
        }
        for v in values["agent"] ?? [] {
            let names = v.split(separator: ",").map { String($0.split(separator: "/").last ?? $0) }
            q.actors = q.actors.map { $0.filter(names.contains) } ?? names
        }
        let entities = values["entity"] ?? []
        guard entities.count <= 1 else { throw FHIRFailure(400, .notSupported, "give entity once (alternatives separated by commas)") }
        let references = try entities.first.map { v in
            try v.split(separator: ",").map { ref -> (String, String) in
                let parts = ref.split(separator: "/").map(String.init)
                guard parts.count >= 2 else { throw FHIRFailure(400, .invalid, "entity '\(ref)' must be Type/id (Patient/…, Media/…, Consent/…)") }
                return (parts[parts.count - 2], parts[parts.count - 1])
            }
        } ?? []
        let query0 = q
        return try await gateway.writer.write { db in
            var q = query0
            for (type, id) in references {
                switch type {
                case "Patient":
                    if let core = try FHIRResourceStore.current(db, type: "Patient", id: id)?.coreId { q.patientIDs.append(core) }
                    q.resources.append("Patient/\(id)")
                case "Media": q.assetIDs.append(id)
                default: q.resources.append("\(type)/\(id)")
                }
                if type == "Consent", let core = try FHIRResourceStore.current(db, type: "Consent", id: id)?.coreId {
                    q.consentIDs.append(core)
                }
            }
            let (total, records) = try AuditLog.search(db, q, entityRequested: !references.isEmpty, limit: count, offset: offset)
            try self.gateway.audit(db, who, "audit.read", detail: [
                "type": "AuditEvent", "query": query.filter { $0.0 != "_format" }.map { "\($0.0)=\($0.1)" }.joined(separator: "&"),
                "total": String(total),
            ])
            return (total, try records.map { try self.auditEvent(db, $0.entry, hash: $0.hash) })
        }
    }

    /// The AuditEvent of one audit record.
    func auditEvent(_ db: Database, _ e: AuditEntry, hash: String) throws -> FHIR.AuditEvent {
        let isREST = e.action.hasPrefix("fhir.")
        let category = String(e.action.split(separator: ".").first ?? "")
        var entities: [FHIR.AuditEvent.Entity] = []
        if let patient = e.patientID {
            entities.append(.init(what: try patientReference(db, coreID: patient),
                                  type: Coding(system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "1", display: "Person"),
                                  role: Coding(system: "http://terminology.hl7.org/CodeSystem/object-role", code: "1", display: "Patient")))
        }
        // One entity per asset: the record's own, or each one a fan-out record lists.
        let assets = [e.assetID].compactMap { $0 }
            + (e.detail[AuditLog.assetsDetail]?.split(separator: " ").map(String.init) ?? [])
        for asset in assets {
            entities.append(.init(what: Reference(reference: "Media/\(asset)"),
                                  type: Coding(system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "2", display: "System Object")))
        }
        let detail = e.detail.filter { $0.key != AuditLog.assetsDetail }
        if !detail.isEmpty {
            let resource = detail["resource"].flatMap { r -> Reference? in
                let parts = r.split(separator: "/")
                return parts.count >= 2 ? Reference(reference: parts.prefix(2).joined(separator: "/")) : nil
            }
            entities.append(.init(what: resource, name: resource == nil ? "detail" : nil,
                                  detail: detail.sorted { $0.key < $1.key }.map { .init(type: $0.key, value: .string($0.value.isEmpty ? "-" : $0.value)) }))
        }
        return FHIR.AuditEvent(
            id: String(e.seq),
            meta: Meta(lastUpdated: FHIRTemporal.instant(e.at)),
            extension: [Extension(url: Self.auditHashExtension, value: .string(hash))],
            type: isREST ? Coding(system: "http://terminology.hl7.org/CodeSystem/audit-event-type", code: "rest", display: "RESTful Operation")
                : Coding(system: "http://photogate.org/fhir/CodeSystem/audit-category", code: category.isEmpty ? "other" : category),
            subtype: [Coding(system: "http://photogate.org/fhir/CodeSystem/audit-action", code: e.action)],
            action: Self.auditAction(e.action),
            recorded: FHIRTemporal.instant(e.at),
            outcome: ["success", "matched"].contains(e.outcome) ? .success : .minorFailure,
            outcomeDesc: ["success", "matched"].contains(e.outcome) ? nil : e.outcome,
            agent: [.init(type: CodeableConcept(system: "http://photogate.org/fhir/CodeSystem/role", code: e.role),
                          who: Reference(identifier: FHIR.Identifier(system: Self.tokenSystem, value: e.actor), display: e.actor),
                          name: e.actor, requestor: true)],
            source: .init(site: "PhotoGate", observer: Reference(display: "PhotoGate gateway"),
                          type: [Coding(system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "4",
                                        display: "Application Server")]),
            entity: entities)
    }

    /// C, R, U, D or E from the action's verb (`fhir.create`, `asset.read-original`, …).
    static func auditAction(_ action: String) -> AuditEventAction {
        let verb = action.split(separator: ".").last.map(String.init) ?? action
        if verb.hasPrefix("create") || verb == "upload" { return .create }
        if verb.hasPrefix("read") || verb.hasPrefix("vread") || verb.hasPrefix("search") || verb.hasPrefix("history")
            || verb.hasPrefix("list") || verb == "capabilities" || verb == "rendition" { return .read }
        if verb.hasPrefix("update") || verb == "state" || verb == "withdraw" || verb == "review" { return .update }
        if verb.hasPrefix("delete") || verb.hasPrefix("erase") { return .delete }
        return .execute
    }
}
