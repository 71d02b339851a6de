import DICOM
import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// The Patient module values (PS3.3 C.7.1.1) the gateway's objects of `patient` carry.
    func dicomPatientAttributes(_ patient: Patient) -> [UInt32: String] {
        let id = patient.identifiers.first { $0.system == mappings.dicom.patientIDSystem } ?? patient.identifiers.first
        let sex = Self.dicomSex(patient.gender) ?? ""
        return [
            DicomTag.patientID: id?.value ?? "",
            DicomTag.issuerOfPatientID: id.flatMap { issuer($0.system) } ?? "",
            DicomTag.patientName: Self.dicomName(family: patient.family, given: patient.given),
            DicomTag.patientBirthDate: Self.dicomDate(patient.birthDate) ?? "",
            DicomTag.patientSex: sex,
        ]
    }

    /// Patient's Sex (PS3.3 C.7.1.1: M, F or O) of a FHIR administrative gender; nil for
    /// `unknown` or none (the attribute is then empty, Type 2).
    static func dicomSex(_ gender: String?) -> String? {
        switch gender {
        case "male": "M"
        case "female": "F"
        case "other": "O"
        default: nil
        }
    }

    /// Patient's Birth Date (DA, `YYYYMMDD`) of a record's `YYYY-MM-DD`.
    static func dicomDate(_ date: String?) -> String? {
        date.map { $0.replacingOccurrences(of: "-", with: "") }
    }

    /// Patient Name (PN, PS3.5 6.2): `Family^Given`, empty when the family name is unknown.
    static func dicomName(family: String?, given: [String]) -> String {
        family.map { ([$0] + given.prefix(1)).joined(separator: "^") } ?? ""
    }

    /// Rewrites the Patient module of the objects of patients that changed (HL7 A08/A40/A47,
    /// FHIR Patient, the JSON API — the database triggers of migration `dicom-v1` queue
    /// them). Each rewritten object becomes a new version; the old one is kept for audit,
    /// and forwarding rules that ask for it re-send the new one. Returns how many patients
    /// were handled.
    @discardableResult
    public func syncDicomPatients(limit: Int = 16) async throws -> Int {
        let queue = try await database.reader.read { db in try DicomInstanceStore.patientsToSync(db, limit: limit) }
        for (patientID, ticket) in queue {
            try await syncDicomPatient(patientID)
            try await writer.write { db in try DicomInstanceStore.patientSynced(db, patientID, ticket: ticket) }
        }
        return queue.count
    }

    private func syncDicomPatient(_ patientID: String) async throws {
        let (patient, stale) = try await database.reader.read { db -> (Patient?, [DicomInstance]) in
            guard let patient = try PatientRepository.find(db, id: patientID) else { return (nil, []) }
            let wanted = self.dicomPatientAttributes(patient)
            let stale = try DicomInstanceStore.ofPatient(db, patientRecordID: patientID).filter { instance in
                wanted.contains { tag, value in (instance.attributes[tag] ?? "") != value }
            }
            return (patient, stale)
        }
        guard let patient else { return }
        let wanted = dicomPatientAttributes(patient)
        for instance in stale {
            try await rewrite(instance, setting: wanted)
        }
    }

    /// One object's new version with `attributes` set.
    private func rewrite(_ instance: DicomInstance, setting attributes: [UInt32: String]) async throws {
        guard let (asset, blobIDs, key) = try await sealedObject(instance.assetID) else { return }
        let input = scratchPath("old.dcm"), output = scratchPath("new.dcm")
        defer {
            unlink(input)
            unlink(output)
        }
        try blobs.export(blobIDs.dicom, key: key, to: input)
        try DicomEditor.rewrite(input, setting: attributes.sorted { $0.key < $1.key }.map { DicomAttribute($0.key, $0.value) },
                                to: output)
        let newBlob = try blobs.put(file: output, key: key)
        let indexed = try Self.indexEntry(output)
        do {
            try await writer.write { db in
                let now = self.clock()
                // Changed meanwhile (another rewrite won): keep that one.
                guard let current = try DicomInstanceStore.find(db, assetID: asset.id), current.version == instance.version,
                      let (fresh, _) = try AssetRepository.find(db, id: asset.id)
                else { throw PGError(.conflict, "object changed meanwhile") }
                try DicomInstanceStore.retainVersion(db, assetID: asset.id, version: current.version, blob: blobIDs.dicom,
                                                     at: now, reason: "patient update")
                try AssetRepository.replaceDicomBlob(db, assetID: asset.id, blob: newBlob, at: now)
                var next = current
                next.version += 1
                next.attributes = indexed.attributes
                next.patientID = indexed.attributes[DicomTag.patientID] ?? ""
                next.size = indexed.size
                next.indexedAt = now
                try DicomInstanceStore.save(db, next)
                try self.enqueueForwards(db, fresh, version: next.version, patientUpdate: true)
                try self.audit(db, nil, "asset.dicom-rewrite", patient: fresh.patientID, asset: asset.id,
                               detail: ["version": String(next.version), "reason": "patient update"])
            }
        } catch let error as PGError where error.code == .conflict {
            blobs.delete(newBlob)
        } catch {
            blobs.delete(newBlob)
            throw error
        }
    }
}
