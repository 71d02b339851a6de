import Foundation
import GRDB
import PhotoGateCore

/// Patients and their identifiers.
public enum PatientRepository {
    public static func find(_ db: Database, id: String) throws -> Patient? {
        guard let record = try PatientRecord.fetchOne(db, cached: "SELECT * FROM patient WHERE id = ?", [id]) else { return nil }
        return record.domain(identifiers: try identifiers(db, patientID: id))
    }

    /// The patient holding `identifier`, following merge links to the surviving patient.
    public static func find(_ db: Database, identifier: Identifier) throws -> Patient? {
        guard let link = try PatientIdentifierRecord.fetchOne(
            db, cached: "SELECT * FROM patientIdentifier WHERE system = ? AND value = ?", [identifier.system, identifier.value])
        else { return nil }
        var patient = try find(db, id: link.patientId)
        var hops = 0
        while let survivor = patient?.mergedInto, hops < 16 {
            patient = try find(db, id: survivor)
            hops += 1
        }
        return patient
    }

    /// The patient that holds `identifier` itself, without following merge links.
    public static func holder(_ db: Database, identifier: Identifier) throws -> Patient? {
        guard let link = try PatientIdentifierRecord.fetchOne(
            db, cached: "SELECT * FROM patientIdentifier WHERE system = ? AND value = ?", [identifier.system, identifier.value])
        else { return nil }
        return try find(db, id: link.patientId)
    }

    /// Inserts a new patient; fails with `PG-4006` when one of its identifiers is taken.
    public static func insert(_ db: Database, _ patient: Patient) throws {
        try PatientRecord(patient).insert(db)
        try attach(db, patient.identifiers, to: patient.id)
    }

    /// Saves demographics and status; identifiers are added (never silently moved).
    public static func update(_ db: Database, _ patient: Patient) throws {
        try PatientRecord(patient).update(db)
        try attach(db, patient.identifiers, to: patient.id)
    }

    /// Detaches an identifier from its patient (HL7 A47 identifier change).
    public static func removeIdentifier(_ db: Database, _ identifier: Identifier) throws {
        try db.execute(cached: "DELETE FROM patientIdentifier WHERE system = ? AND value = ?", [identifier.system, identifier.value])
    }

    static func attach(_ db: Database, _ identifiers: [Identifier], to patientID: String) throws {
        for identifier in identifiers {
            if let existing = try PatientIdentifierRecord.fetchOne(
                db, cached: "SELECT * FROM patientIdentifier WHERE system = ? AND value = ?", [identifier.system, identifier.value])
            {
                guard existing.patientId == patientID else {
                    throw PGError(.conflict, "identifier \(identifier) belongs to another patient")
                }
                continue
            }
            try PatientIdentifierRecord(system: identifier.system, value: identifier.value, patientId: patientID).insert(db)
        }
    }

    static func identifiers(_ db: Database, patientID: String) throws -> [Identifier] {
        try PatientIdentifierRecord.fetchAll(
            db, cached: "SELECT * FROM patientIdentifier WHERE patientId = ? ORDER BY system, value", [patientID])
            .map { Identifier(system: $0.system, value: $0.value) }
    }
}
