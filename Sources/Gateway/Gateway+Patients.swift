import Foundation
import GRDB
import PhotoGateCore
import Storage

/// Changes to a patient (`PATCH /api/patients`; later driven by FHIR Patient and HL7 ADT).
/// A nil field is left as it is.
public struct PatientPatch: Codable, Sendable {
    public var family: String?
    public var given: [String]?
    public var birthDate: String?
    public var gender: String?
    public var deceased: Bool?
    public var deceasedAt: Date?

    public init(family: String? = nil, given: [String]? = nil, birthDate: String? = nil, gender: String? = nil,
                deceased: Bool? = nil, deceasedAt: Date? = nil) {
        self.family = family
        self.given = given
        self.birthDate = birthDate
        self.gender = gender
        self.deceased = deceased
        self.deceasedAt = deceasedAt
    }
}

extension Gateway {
    public func findPatient(_ identifier: Identifier, by who: Principal) async throws -> PatientView {
        try await writer.write { db in
            guard let p = try PatientRepository.find(db, identifier: identifier) else {
                try self.audit(db, who, "patient.read", outcome: "not-found")
                throw PGError(.notFound, "no patient with identifier \(identifier)")
            }
            try self.audit(db, who, "patient.read", patient: p.id)
            return PatientView(p, flags: try DicomInstanceStore.flags(db, patientID: p.id))
        }
    }

    /// Updates (or creates) the patient with this identifier. A death notice — `deceased`
    /// becoming true, or a `deceasedAt` — runs the death workflow in the same transaction:
    /// every active asset goes to `to-be-assessed`, publication is blocked, and
    /// `patient.deceased` asks the communications team to verify the next-of-kin's wishes.
    public func patchPatient(_ identifier: Identifier, _ patch: PatientPatch, by who: Principal) async throws
        -> (patient: PatientView, created: Bool)
    {
        try Self.checkPatch(patch)
        return try await writer.write { db in
            let (patient, created) = try self.applyPatientPatch(db, identifier, patch, by: who)
            return (PatientView(patient, flags: try DicomInstanceStore.flags(db, patientID: patient.id)), created)
        }
    }

    /// Checks the values of a patch (no database needed).
    static func checkPatch(_ patch: PatientPatch) throws {
        if let birthDate = patch.birthDate { try checkDate(birthDate) }
        if let gender = patch.gender, !["male", "female", "other", "unknown"].contains(gender) {
            throw PGError(.badRequest, "gender '\(gender)' must be male, female, other or unknown (FHIR administrative-gender)")
        }
    }

    /// The body of ``patchPatient(_:_:by:)`` inside the caller's transaction (HL7 ADT and
    /// FHIR Patient changes use it too, together with their own records).
    func applyPatientPatch(_ db: Database, _ identifier: Identifier, _ patch: PatientPatch, by who: Principal,
                           createIfMissing: Bool = true, extraIdentifiers: [Identifier] = []) throws -> (Patient, Bool) {
        let now = clock()
        var created = false
        var patient: Patient
        if let found = try PatientRepository.find(db, identifier: identifier) {
            patient = found
        } else {
            guard createIfMissing else { throw PGError(.notFound, "no patient with identifier \(identifier)") }
            patient = Patient(id: newID(), identifiers: [identifier], updatedAt: now)
            try PatientRepository.insert(db, patient)
            created = true
        }
        // Read (or just inserted) with the patient in this transaction: no need to check them again.
        let attached = patient.identifiers
        let stored = patient
        for extra in extraIdentifiers where !patient.identifiers.contains(extra) {
            if try PatientRepository.find(db, identifier: extra) == nil { patient.identifiers.append(extra) }
        }
        let wasDeceased = patient.deceased
        if let v = patch.family { patient.family = v }
        if let v = patch.given { patient.given = v }
        if let v = patch.birthDate { patient.birthDate = v }
        if let v = patch.gender { patient.gender = v }
        if let v = patch.deceasedAt { patient.deceasedAt = v; patient.deceased = true }
        if let v = patch.deceased {
            patient.deceased = v
            if !v { patient.deceasedAt = nil }
        }
        // An update that changes nothing stored (an A08 resending the same demographics, as
        // most do) leaves the row and its `updatedAt` alone; it is still audited, and, coming
        // from the EHR side like every caller here, it confirms a patient first seen in a
        // received DICOM object (what the `patientFlag_confirmed` trigger does on a change).
        let changed = created || patient != stored
        if changed {
            patient.updatedAt = now
            if patient.deceased && !wasDeceased { patient.deceasedRecordedAt = now }
            try PatientRepository.update(db, patient, attached: attached)
        } else {
            try DicomInstanceStore.clearFlag(db, patient.id, flag: DicomInstanceStore.unverified)
        }
        let dies = patient.deceased && !wasDeceased
        try audit(db, who, created ? "patient.create" : "patient.update", patient: patient.id,
                  detail: dies ? ["deceased": "true"] : changed ? [:] : ["change": "none"])
        if dies { try runDeathWorkflow(db, patient: patient, previous: wasDeceased, by: who) }
        if wasDeceased && !patient.deceased {
            // A cancelled death notice never releases photos by itself: they stay on hold.
            try raiseReviewRequired(db, patient: patient.id,
                                    assets: try AssetRepository.ofPatient(db, patient.id, state: .toBeAssessed).map(\.id),
                                    reason: "death-notice-cancelled")
        }
        return (patient, created)
    }

    /// Assets on hold, events raised: part of the transaction that recorded the death. The
    /// fan-out is one statement, one audit record, one `asset.review-required` and one
    /// `asset.blocked` listing the photos, and `patient.deceased` — not records per photo.
    func runDeathWorkflow(_ db: Database, patient: Patient, previous: Bool, by who: Principal) throws {
        let now = clock()
        let active = try AssetRepository.ofPatient(db, patient.id, state: .active)
        let consents = try ConsentRepository.ofPatient(db, patient.id)
        var alive = patient
        alive.deceased = previous
        let held = AssetTransitions.onPatientDeceased(assets: active, at: now)
        if !held.isEmpty {
            try AssetRepository.setState(db, patientID: patient.id, from: .active, to: .toBeAssessed, at: now)
            try audit(db, who, "asset.state", patient: patient.id, assets: held.map(\.id),
                      detail: ["from": "active", "to": AssetState.toBeAssessed.rawValue, "cause": "patient-deceased",
                               "count": String(held.count)])
            try raiseReviewRequired(db, patient: patient.id, assets: held.map(\.id), reason: "patient-deceased")
        }
        let heldByID = Dictionary(uniqueKeysWithValues: held.map { ($0.id, $0) })
        try raiseBlocked(db, assets: active, reason: "patient-deceased",
                         before: { ConsentPolicy.decide(asset: $0, patient: alive, consents: consents, channel: $1, at: now) },
                         after: { ConsentPolicy.decide(asset: heldByID[$0.id] ?? $0, patient: patient, consents: consents,
                                                       channel: $1, at: now) })
        try raise(db, .patientDeceased, patient: patient.id, [
            "identifiers": .array(patient.identifiers.map { .string($0.description) }),
            "deceasedAt": patient.deceasedAt.map { .string(JSON.iso8601($0)) } ?? .null,
            "assets": .array(held.map { .string($0.id) }),
            "action": "verify next-of-kin wishes before any further publication",
        ])
    }

    static func checkDate(_ value: String) throws {
        let compact = value.replacingOccurrences(of: "-", with: "")
        guard value.count == 10, (try? DicomValue.da(compact, field: "birthDate")) != nil else {
            throw PGError(.badRequest, "birthDate '\(value)' is not a date in the form YYYY-MM-DD")
        }
    }
}
