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
/// result goes through the core's consent save (``Gateway/applySaveConsent(_:_:by:)``), so
/// decisions change at once. A delete is a withdrawal (``Gateway/applyWithdrawConsent(_:_:by:)``)
/// and a FHIR version marked deleted. Core change and FHIR version commit in one transaction.
extension FHIRServer {
    static let consentParameters: [FHIRSearchParameter] = [
        FHIRSearchParameter(name: "_id", type: .token, documentation: "Logical id of the Consent"),
        FHIRSearchParameter(name: "patient", type: .reference, documentation: "The Patient: Patient/{id} or {id}"),
        FHIRSearchParameter(name: "status", type: .token, documentation: "draft | proposed | active | rejected | inactive | entered-in-error"),
        FHIRSearchParameter(name: "category", type: .token, documentation: "Consent.category codings: system|code, |code, code or system|"),
        FHIRSearchParameter(name: "date", type: .date, documentation: "Consent.dateTime (compared in UTC) with eq, ne, lt, le, gt, ge"),
    ]

    /// The version of the Consent search index: stored Consents are re-indexed at start when
    /// it grew (2: `category` and `date`).
    static let consentIndexVersion = 2

    static let consentStateSystem = "http://hl7.org/fhir/consent-state-codes"

    static func index(_ c: FHIR.Consent, id: String, patientID: String?) -> [(String, String)] {
        var index: [(String, String)] = [("_id", FHIRSearchParameter.token(system: nil, id)),
                                         ("status", FHIRSearchParameter.token(system: consentStateSystem, c.status.rawValue))]
        if let patientID { index.append(("patient", "Patient/" + patientID)) }
        for coding in c.category.flatMap(\.coding) {
            if let code = coding.code { index.append(("category", FHIRSearchParameter.token(system: coding.system, code))) }
        }
        if let text = c.dateTime, let at = FHIRTemporal.start(of: text) {
            index.append(("date", String(FHIRTemporal.instant(at).prefix(19))))
        }
        return index
    }

    /// The FHIR Patient id, the core patient's identifier (`system|value`) and the core
    /// patient of `Consent.patient` (400 when it does not resolve).
    func consentPatient(_ db: Database, _ c: FHIR.Consent) throws -> (fhirID: String?, token: String, core: PhotoGateCore.Patient) {
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
            return (id, mrn.description, core)
        }
        if let identifier = ref.identifier, let system = identifier.system, let value = identifier.value {
            let token = PhotoGateCore.Identifier(system: system, value: value)
            guard let core = try PatientRepository.find(db, identifier: token) else {
                throw FHIRFailure(400, .notFound, "Consent.patient.identifier \(token) is not a known patient", expression: ["Consent.patient"])
            }
            return (try FHIRResourceStore.byCoreId(db, type: "Patient", coreId: core.id).first?.id, token.description, core)
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

    /// Create or update of a Consent, in its own transaction. What needs no database (the
    /// mappings' reading, the stored JSON) is done before the store's one writer runs.
    func writeConsent(_ consent: FHIR.Consent, target: Target, by who: Principal) async throws -> Written {
        let terms = try checkedTerms(of: consent)
        let template = FHIRStampTemplate(.consent(consent), at: gateway.clock())
        return try await gateway.writer.write { db in
            try self.writeConsent(db, consent, target: target, terms: terms, template: template, by: who)
        }
    }

    /// ``terms(of:)``, with a provision period that ends after it starts (422 otherwise).
    func checkedTerms(of consent: FHIR.Consent) throws -> ConsentTerms {
        let terms = try terms(of: consent)
        if let start = terms.period.start, let end = terms.period.end, end <= start {
            throw FHIRFailure(422, .businessRule, "provision.period.end must be after its start", expression: ["Consent.provision.period"])
        }
        return terms
    }

    /// Create or update of a Consent inside the caller's transaction: the core consent
    /// (decisions, `asset.blocked`, `consent.withdrawn`, audit) and the FHIR version.
    func writeConsent(_ db: Database, _ consent: FHIR.Consent, target: Target, resolved: Resolved? = nil,
                      terms: ConsentTerms? = nil, template: FHIRStampTemplate? = nil, by who: Principal) throws -> Written {
        let terms = try terms ?? checkedTerms(of: consent)
        let r = try resolved ?? resolve(db, type: "Consent", target: target, bodyID: consent.id, parameters: Self.consentParameters)
        if let matched = r.matched {
            try gateway.audit(db, who, "fhir.create", outcome: "matched",
                              detail: ["resource": "Consent/\(matched.id)", "conditional": "If-None-Exist"])
            return Written(version: matched, created: false, existing: true)
        }
        let patient = try consentPatient(db, consent)
        var scope: [String]?
        if case .assets(let ids) = terms.scope { scope = ids }
        let input = ConsentInput(id: r.id, patient: patient.token, status: consent.status.rawValue, scope: scope,
                                 channels: terms.channels.map(\.rawValue), start: terms.period.start, end: terms.period.end,
                                 denies: terms.denies)
        // A merged patient is resolved to its survivor by the core, from the identifier.
        let (core, _) = try gateway.applySaveConsent(db, try gateway.checkConsent(input),
                                                     patient: patient.core.mergedInto == nil ? patient.core : nil, by: who)
        let created = r.current == nil || r.current?.deleted == true
        let template = template?.usable(after: r.current?.lastUpdated)
        let at = template?.at ?? gateway.clock()
        let v = try FHIRResourceStore.save(db, type: "Consent", id: r.id, method: created ? "POST" : "PUT", at: at,
                                           coreId: core.id, index: Self.index(consent, id: r.id, patientID: patient.fhirID)) { vid in
            template?.render(id: r.id, versionId: vid) ?? Self.stamped(.consent(consent), id: r.id, versionId: vid, at: at)
        }
        try gateway.audit(db, who, created ? "fhir.create" : "fhir.update", patient: core.patientID,
                          detail: ["resource": "Consent/\(r.id)", "version": String(v.versionId)])
        return Written(version: v, created: created)
    }

    /// Delete = withdrawal now (when the consent is active) + a FHIR version marked deleted,
    /// in its own transaction. 404 when unknown (audited); deleting again changes nothing (200).
    func deleteConsent(id: String, by who: Principal) async throws -> (version: FHIRStoredVersion?, alreadyDeleted: Bool) {
        do {
            return try await gateway.writer.write { db in try self.deleteConsent(db, id: id, by: who) }
        } catch let failure as FHIRFailure where failure.status.code == 404 {
            await gateway.auditFailure(who, "fhir.delete", outcome: "not-found", detail: ["resource": "Consent/\(id)"])
            throw failure
        }
    }

    /// The delete inside the caller's transaction.
    func deleteConsent(_ db: Database, id: String, by who: Principal) throws -> (version: FHIRStoredVersion?, alreadyDeleted: Bool) {
        guard let current = try FHIRResourceStore.current(db, type: "Consent", id: id) else {
            throw FHIRFailure(404, .notFound, "Consent/\(id) is not known")
        }
        if current.deleted { return (nil, true) }
        let core = try current.coreId.flatMap { try ConsentRepository.find(db, id: $0) }
        // The withdrawal (consent.withdrawn with the take-down list), then the FHIR delete version.
        if let core, core.status == .active { _ = try gateway.applyWithdrawConsent(db, core.id, by: who) }
        let v = try FHIRResourceStore.save(db, type: "Consent", id: id, method: "DELETE", deleted: true,
                                           at: gateway.clock(), coreId: nil, index: []) { _ in nil }
        try gateway.audit(db, who, "fhir.delete", patient: core?.patientID,
                          detail: ["resource": "Consent/\(id)", "version": String(v.versionId), "treatedAs": "withdrawal"])
        return (v, false)
    }

    /// Rebuilds the search index of every stored Consent when its definition grew (run at start).
    func reindexConsentsIfNeeded(_ db: Database) throws {
        guard try FHIRMessageStore.indexVersion(db, type: "Consent") < Self.consentIndexVersion else { return }
        for v in try FHIRResourceStore.allLatest(db, type: "Consent") {
            guard let json = v.json, case .consent(let c)? = try? FHIRJSON.decode(Data(json.utf8)) else { continue }
            let patientID = try storedPatientReference(db, id: v.id)
            try FHIRResourceStore.reindex(db, type: "Consent", id: v.id, index: Self.index(c, id: v.id, patientID: patientID))
        }
        try FHIRMessageStore.setIndexVersion(db, type: "Consent", version: Self.consentIndexVersion)
    }

    /// The `patient` index value of a stored Consent (`Patient/{id}` → `{id}`).
    private func storedPatientReference(_ db: Database, id: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM fhirSearchIndex WHERE type = 'Consent' AND id = ? AND param = 'patient'",
                            arguments: [id]).map { String($0.dropFirst("Patient/".count)) }
    }
}
