import FHIR
import Foundation
import PhotoGateCore
import Storage

/// `POST /fhir` with a `batch` Bundle (FHIR R4 http.html#transaction): every entry on its
/// own, as if sent alone (each write its own database transaction); one failing entry does
/// not affect the others and is answered with its status and OperationOutcome. Entries may
/// not refer to each other (a `urn:uuid:` reference fails that entry: use a transaction).
extension FHIRServer {
    func batch(_ bundle: FHIR.Bundle, base: String, by who: Principal) async -> [Result<EntryResult, FHIRFailure>] {
        var results: [Result<EntryResult, FHIRFailure>] = []
        for (i, entry) in bundle.entry.enumerated() {
            do {
                let op = try FHIRBundleOperation.read(entry, index: i, allowRead: true)
                results.append(.success(try await batchEntry(op, base: base, by: who)))
            } catch {
                let failure = FHIRFailure.from(error)
                if failure.status.code >= 500, !(error is FHIRFailure) { gateway.logInternalError(error, during: "FHIR batch entry \(i)") }
                await gateway.auditFailure(who, "fhir.batch-entry", outcome: "failed", detail: [
                    "entry": String(i), "status": String(failure.status.code), "issue": failure.outcome.issue.first?.code.rawValue ?? "",
                ])
                results.append(.failure(failure))
            }
        }
        return results
    }

    func batchEntry(_ op: FHIRBundleOperation, base: String, by who: Principal) async throws -> EntryResult {
        if let resource = op.resource {
            _ = try Self.rewrite(resource, [:])  // a reference to another entry: not in a batch
        }
        func written(_ w: Written) -> EntryResult { EntryResult(status: w.created ? 201 : 200, written: w) }
        switch op.action {
        case .create(_, .patient(let p), let ifNoneExist): return written(try await writePatient(p, target: .create(ifNoneExist: ifNoneExist), by: who))
        case .create(_, .consent(let c), let ifNoneExist): return written(try await writeConsent(c, target: .create(ifNoneExist: ifNoneExist), by: who))
        case .create(_, .media(let m), let ifNoneExist):
            guard ifNoneExist == nil else { throw FHIRFailure(400, .notSupported, "conditional create is not supported for Media") }
            return written(try await createMedia(m, base: base, by: who))
        case .create(_, .binary, _):
            throw FHIRFailure(422, .businessRule, "a Binary is stored as the photo of a Media: send it in a transaction with the Media")
        case .update(_, let id, .patient(let p), let ifMatch): return written(try await writePatient(p, target: .update(id: id, ifMatch: ifMatch), by: who))
        case .update(_, let id, .consent(let c), let ifMatch): return written(try await writeConsent(c, target: .update(id: id, ifMatch: ifMatch), by: who))
        case .conditionalUpdate(_, let query, .patient(let p), let ifMatch):
            return written(try await writePatient(p, target: .conditionalUpdate(query: query, ifMatch: ifMatch), by: who))
        case .delete(_, let id):
            _ = try await deleteConsent(id: id, by: who)
            return EntryResult(status: 204)
        case .read("Media", let id):
            guard who.role == .admin || [.integration, .clinician, .privacyOfficer, .communications].contains(who.role) else {
                throw FHIRFailure(403, .forbidden, "role \(who.role.rawValue) may not read FHIR Media")
            }
            let media = try await readMedia(id: id, base: base, by: who)
            let json = String(decoding: FHIRJSON.encode(.media(media)), as: UTF8.self)
            return EntryResult(status: 200, written: Written(
                version: FHIRStoredVersion(type: "Media", id: id, versionId: 1, lastUpdated: media.meta?.lastUpdated.flatMap(FHIRTemporal.start(of:)) ?? Date(),
                                           deleted: false, method: "GET", json: json), created: false, versioned: false))
        case .read(let type, let id):
            guard who.role == .admin || [.integration, .clinician, .privacyOfficer].contains(who.role) else {
                throw FHIRFailure(403, .forbidden, "role \(who.role.rawValue) may not read FHIR resources")
            }
            return EntryResult(status: 200, written: Written(version: try await read(type: type, id: id, by: who), created: false))
        default:
            throw FHIRFailure(400, .invalid, "the entry's resource does not fit its request")
        }
    }
}
