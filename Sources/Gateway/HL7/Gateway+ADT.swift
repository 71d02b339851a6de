import Foundation
import GRDB
import HL7
import Mappings
import PhotoGateCore
import Storage

/// What processing an ADT message did (stored with the message; no PHI).
struct ADTResult {
    var outcome: String
    var patientID: String?
}

extension Gateway {
    /// Applies one accepted ADT message inside the intake transaction (HL7 v2.5.1 chapter 3).
    /// Every translation went through the site mappings (identifiers, fields, death rules)
    /// when `input` was read.
    func processADT(_ db: Database, _ input: ADTInput, by who: Principal) throws -> ADTResult {
        if let error = input.structureError { throw error }
        let facts = input.facts
        guard let mrn = facts.mrn else {
            throw HL7Error(.requiredFieldMissing, "PID-3 carries no identifier the mappings recognise as the MRN",
                           at: Self.pid3)
        }
        switch input.event {
        case "A40": return try merge(db, input, survivor: mrn, by: who)
        case "A47": return try changeIdentifier(db, input, to: mrn, by: who)
        case "A11":
            // Cancel admit: the gateway keeps no encounters, so nothing changes.
            let patient = try PatientRepository.find(db, identifier: mrn)
            return ADTResult(outcome: "A11 cancel admit: no change", patientID: patient?.id)
        case "A13":
            return try cancelDischarge(db, input, mrn: mrn, by: who)
        default:
            var patch = demographics(facts)
            if let death = input.death {
                patch.deceased = true
                patch.deceasedAt = death.deceasedAt
            }
            let (patient, created) = try applyPatientPatch(db, mrn, patch, by: who, extraIdentifiers: facts.identifiers)
            var outcome = "\(input.event): patient \(created ? "created" : "updated")"
            if let death = input.death { outcome += "; death notice (rule \(death.rule))" }
            return ADTResult(outcome: outcome, patientID: patient.id)
        }
    }

    static let pid3 = HL7ErrorLocation(segmentID: "PID", field: 3)
    static let mrg1 = HL7ErrorLocation(segmentID: "MRG", field: 1)

    func demographics(_ facts: HL7PatientFacts) -> PatientPatch {
        PatientPatch(family: facts.family, given: facts.given.isEmpty ? nil : facts.given, birthDate: facts.birthDate,
                     gender: facts.gender)
    }

    /// A13 cancels a discharge. When the patient is deceased and this message does not itself
    /// carry a death, the death notice (typically from the cancelled A03) is withdrawn: the
    /// patient is alive again, but every photo stays on hold and `asset.review-required` asks
    /// for a human decision — photos are never released silently.
    func cancelDischarge(_ db: Database, _ input: ADTInput, mrn: Identifier, by who: Principal) throws -> ADTResult {
        var patch = demographics(input.facts)
        let stillDead = input.death != nil
        guard let existing = try PatientRepository.find(db, identifier: mrn) else {
            throw HL7Error(.unknownKeyIdentifier, "A13 for a patient the gateway does not know", at: Self.pid3)
        }
        if existing.deceased && !stillDead { patch.deceased = false }
        let (patient, _) = try applyPatientPatch(db, mrn, patch, by: who, createIfMissing: false)
        return ADTResult(outcome: existing.deceased && !stillDead ? "A13: death notice cancelled; photos stay on hold for review"
                                                                  : "A13: patient updated", patientID: patient.id)
    }

    /// A40 merge: the prior patient's (MRG-1) assets and consents move to the surviving patient
    /// (PID-3); the prior record points at the survivor. Policy for a replayed merge: when
    /// MRG-1 already leads to the survivor, nothing changes and the message is accepted. When
    /// MRG-1's patient was merged into another patient before, following that merge would merge
    /// two other patients: the message is refused (207, conflict) for a human to resolve, as
    /// the gateway does not unmerge (A37).
    func merge(_ db: Database, _ input: ADTInput, survivor mrn: Identifier, by who: Principal) throws -> ADTResult {
        let priorIDs = input.priorIdentifiers
        let mrg1 = Self.mrg1
        guard !priorIDs.isEmpty else { throw HL7Error(.requiredFieldMissing, "A40 without MRG-1", at: mrg1) }
        let facts = input.facts
        let (survivor, _) = try applyPatientPatch(db, mrn, demographics(facts), by: who, extraIdentifiers: facts.identifiers)
        guard let held = try priorIDs.lazy.compactMap({ id in
            try PatientRepository.holder(db, identifier: id).map { (holder: $0, id: id) }
        }).first, let prior = try PatientRepository.find(db, identifier: held.id) else {
            throw HL7Error(.unknownKeyIdentifier, "A40: no patient holds the MRG-1 identifier", at: mrg1)
        }
        if prior.id == survivor.id {
            return ADTResult(outcome: "A40: already merged, no change", patientID: survivor.id)
        }
        if held.holder.mergedInto != nil {
            throw HL7Error(.applicationInternalError,
                           "A40: the MRG-1 patient was merged into another patient before; unmerge (A37) is not supported",
                           at: mrg1, registryCode: .conflict)
        }
        let now = clock()
        let moved = try AssetRepository.reassign(db, from: prior.id, to: survivor.id, at: now)
        try ConsentRepository.reassign(db, from: prior.id, to: survivor.id)
        var merged = prior
        merged.mergedInto = survivor.id
        merged.updatedAt = now
        try PatientRepository.update(db, merged)
        try audit(db, who, "patient.merge", patient: survivor.id, detail: ["prior": prior.id, "moved": String(moved.count)])
        // Photos of a living prior moving to a deceased survivor go on hold like the survivor's.
        if survivor.deceased {
            let held = AssetTransitions.onPatientDeceased(assets: moved, at: now)
            for asset in held { try AssetRepository.updateState(db, asset) }
            if !held.isEmpty {
                try audit(db, who, "asset.state", patient: survivor.id, assets: held.map(\.id),
                          detail: ["from": "active", "to": AssetState.toBeAssessed.rawValue, "cause": "merged-into-deceased",
                                   "count": String(held.count)])
            }
            try raiseReviewRequired(db, patient: survivor.id, assets: held.map(\.id), reason: "patient-deceased")
        } else if prior.deceased {
            try raiseReviewRequired(db, patient: survivor.id, assets: moved.filter { $0.state == .toBeAssessed }.map(\.id),
                                    reason: "merged-from-deceased")
        }
        return ADTResult(outcome: "A40: merged \(moved.count) assets into the surviving patient", patientID: survivor.id)
    }

    /// A47 identifier change: the identifier in MRG-1 is replaced by the one in PID-3.
    func changeIdentifier(_ db: Database, _ input: ADTInput, to mrn: Identifier, by who: Principal) throws -> ADTResult {
        guard let old = input.priorIdentifiers.first else {
            throw HL7Error(.requiredFieldMissing, "A47 without MRG-1", at: Self.mrg1)
        }
        guard var patient = try PatientRepository.find(db, identifier: old) else {
            if let already = try PatientRepository.find(db, identifier: mrn) {
                return ADTResult(outcome: "A47: identifier already changed, no change", patientID: already.id)
            }
            throw HL7Error(.unknownKeyIdentifier, "A47: no patient holds the MRG-1 identifier", at: Self.mrg1)
        }
        if let holder = try PatientRepository.find(db, identifier: mrn), holder.id != patient.id {
            throw HL7Error(.duplicateKeyIdentifier, "A47: the new identifier belongs to another patient (use A40 to merge)",
                           at: Self.pid3)
        }
        try PatientRepository.removeIdentifier(db, old)
        patient.identifiers.removeAll { $0 == old }
        patient.identifiers.append(mrn)
        patient.updatedAt = clock()
        try PatientRepository.update(db, patient)
        try audit(db, who, "patient.identifier-change", patient: patient.id)
        return ADTResult(outcome: "A47: identifier changed", patientID: patient.id)
    }
}
