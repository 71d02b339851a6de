import FHIR
import Foundation
import GRDB
import Mappings
import PhotoGateCore
import Storage

/// FHIR Consent ↔ the core consent (same id).
///
/// The codes are read by ``FHIRConsentTranslator/codes(of:)`` and turned into channels,
/// scope, period and deny provisions by the site mappings (`Mappings/consent.yaml`); the
/// result goes through ``Gateway/saveConsent(_:by:)``, so decisions change at once. A delete
/// is a withdrawal (``Gateway/withdrawConsent(_:by:)``) and a FHIR version marked deleted.
/// Commit order and why nothing acknowledged is lost: as for Patient (core first, then the
/// FHIR version, under ``FHIRWriteLock``; a repeated write is idempotent).
extension FHIRServer {
    static let consentParameters: [FHIRSearchParameter] = [
        FHIRSearchParameter(name: "_id", type: .token, documentation: "Logical id of the Consent"),
        FHIRSearchParameter(name: "patient", type: .reference, documentation: "The Patient: Patient/{id} or {id}"),
        FHIRSearchParameter(name: "status", type: .token, documentation: "draft | proposed | active | rejected | inactive | entered-in-error"),
    ]

    static let consentStateSystem = "http://hl7.org/fhir/consent-state-codes"

    static func index(_ c: FHIR.Consent, id: String, patientID: String?) -> [(String, String)] {
        var index: [(String, String)] = [("_id", FHIRSearchParameter.token(system: nil, id)),
                                         ("status", FHIRSearchParameter.token(system: consentStateSystem, c.status.rawValue))]
        if let patientID { index.append(("patient", "Patient/" + patientID)) }
        return index
    }

    /// The FHIR Patient id and the core patient's identifier (`system|value`) of
    /// `Consent.patient` (400 when it does not resolve).
    func consentPatient(_ db: Database, _ c: FHIR.Consent) throws -> (fhirID: String?, token: String) {
        guard let ref = c.patient else {
            throw FHIRFailure(422, .businessRule, "Consent.patient is required for a photo-publication consent", expression: ["Consent.patient"])
        }
        if let text = ref.reference {
            guard let id = FHIRSearchParameter.referenceID(text, type: "Patient"), text.contains("Patient/"),
                  let current = try FHIRResourceStore.current(db, type: "Patient", id: id), !current.deleted,
                  let core = try current.coreId.flatMap({ try PatientRepository.find(db, id: $0) })
            else { throw FHIRFailure(400, .notFound, "Consent.patient '\(text)' is not a Patient on this server", expression: ["Consent.patient"]) }
            let mrn = core.identifiers.first { gateway.mappings.identifiers.isMRN($0.system) } ?? core.identifiers.first
            guard let mrn else { throw FHIRFailure(500, .exception, "patient \(core.id) has no identifier") }
            return (id, mrn.description)
        }
        if let identifier = ref.identifier, let system = identifier.system, let value = identifier.value {
            let token = PhotoGateCore.Identifier(system: system, value: value)
            guard let core = try PatientRepository.find(db, identifier: token) else {
                throw FHIRFailure(400, .notFound, "Consent.patient.identifier \(token) is not a known patient", expression: ["Consent.patient"])
            }
            return (try FHIRResourceStore.byCoreId(db, type: "Patient", coreId: core.id).first?.id, token.description)
        }
        throw FHIRFailure(400, .required, "Consent.patient needs a reference (Patient/{id}) or an identifier", expression: ["Consent.patient"])
    }

    /// The mappings' reading of a Consent: 422 `not-supported` when it is not a photo-
    /// publication consent, 422 `business-rule` when its provisions cannot be used.
    func terms(of c: FHIR.Consent) throws -> ConsentTerms {
        let codes = FHIRConsentTranslator.codes(of: c)
        let mapping = gateway.mappings.consent
        guard mapping.isPublicationConsent(codes.categories) else {
            throw FHIRFailure(422, .notSupported, "not a photo-publication consent: category/scope must include one of "
                + mapping.publicationCodes.map { "\($0.system)|\($0.code)" }.joined(separator: ", "), expression: ["Consent.category"])
        }
        do { return try gateway.mappings.terms(of: codes) } catch let e as PGError {
            throw FHIRFailure(422, .businessRule, e.message, expression: ["Consent.provision"])
        }
    }

    /// Create or update of a Consent.
    func writeConsent(_ consent: FHIR.Consent, target: Target, by who: Principal) async throws -> Written {
        let terms = try terms(of: consent)
        if let start = terms.period.start, let end = terms.period.end, end <= start {
            throw FHIRFailure(422, .businessRule, "provision.period.end must be after its start", expression: ["Consent.provision.period"])
        }
        return try await lock.run {
            let (resolved, patient) = try await gateway.database.reader.read { db in
                (try self.resolve(db, type: "Consent", target: target, bodyID: consent.id, parameters: Self.consentParameters),
                 try self.consentPatient(db, consent))
            }
            if let matched = resolved.matched {
                try await gateway.writer.write { db in
                    try self.gateway.audit(db, who, "fhir.create", outcome: "matched",
                                           detail: ["resource": "Consent/\(matched.id)", "conditional": "If-None-Exist"])
                }
                return Written(version: matched, created: false, existing: true)
            }
            var scope: [String]?
            if case .assets(let ids) = terms.scope { scope = ids }
            let input = ConsentInput(id: resolved.id, patient: patient.token, status: consent.status.rawValue, scope: scope,
                                     channels: terms.channels.map(\.rawValue), start: terms.period.start, end: terms.period.end,
                                     denies: terms.denies)
            // 1. The core consent (decisions, asset.blocked, consent.withdrawn, audit).
            let (core, _) = try await gateway.saveConsent(input, by: who)
            // 2. The FHIR version.
            let created = resolved.current == nil || resolved.current?.deleted == true
            let version = try await gateway.writer.write { db in
                let at = self.gateway.clock()
                let v = try FHIRResourceStore.save(db, type: "Consent", id: resolved.id, method: created ? "POST" : "PUT", at: at,
                                                   coreId: core.id, index: Self.index(consent, id: resolved.id, patientID: patient.fhirID)) { vid in
                    Self.stamped(.consent(consent), id: resolved.id, versionId: vid, at: at)
                }
                try self.gateway.audit(db, who, created ? "fhir.create" : "fhir.update", patient: core.patient,
                                       detail: ["resource": "Consent/\(resolved.id)", "version": String(v.versionId)])
                return v
            }
            return Written(version: version, created: created)
        }
    }

    /// Delete = withdrawal now (when the consent is active) + a FHIR version marked deleted.
    /// 404 when unknown; deleting again changes nothing (200).
    func deleteConsent(id: String, by who: Principal) async throws -> (version: FHIRStoredVersion?, alreadyDeleted: Bool) {
        try await lock.run {
            let (current, core) = try await gateway.database.reader.read { db in
                let current = try FHIRResourceStore.current(db, type: "Consent", id: id)
                return (current, try current?.coreId.flatMap { try ConsentRepository.find(db, id: $0) })
            }
            guard let current else {
                try await gateway.writer.write { db in
                    try self.gateway.audit(db, who, "fhir.delete", outcome: "not-found", detail: ["resource": "Consent/\(id)"])
                }
                throw FHIRFailure(404, .notFound, "Consent/\(id) is not known")
            }
            if current.deleted { return (nil, true) }
            // 1. The withdrawal (consent.withdrawn with the take-down list).
            if let core, core.status == .active { _ = try await gateway.withdrawConsent(core.id, by: who) }
            // 2. The FHIR delete version.
            let version = try await gateway.writer.write { db in
                let v = try FHIRResourceStore.save(db, type: "Consent", id: id, method: "DELETE", deleted: true,
                                                   at: self.gateway.clock(), coreId: nil, index: []) { _ in nil }
                try self.gateway.audit(db, who, "fhir.delete", patient: core?.patientID,
                                       detail: ["resource": "Consent/\(id)", "version": String(v.versionId), "treatedAs": "withdrawal"])
                return v
            }
            return (version, false)
        }
    }
}
