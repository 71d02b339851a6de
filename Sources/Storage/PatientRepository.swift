import Foundation
import GRDB
import PhotoGateCore

/// Patients and their identifiers.
public enum PatientRepository {
    /// Read by hand from rows rather than through `Codable` records: every ADT message looks its
    /// patient up.
    public static func find(_ db: Database, id: String) throws -> Patient? {
        try Row.fetchOne(db.cachedStatement(sql: byID), arguments: [id])
            .map { try patient(db, $0) }
    }

    /// The patient holding `identifier`, following merge links to the surviving patient.
    public static func find(_ db: Database, identifier: Identifier) throws -> Patient? {
        // The holder and its row in one statement: every ADT message starts here.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: byIdentifier), arguments: [identifier.system, identifier.value])
        else { return nil }
        var patient: Patient? = try patient(db, row)
        var hops = 0
        while let survivor = patient?.mergedInto, hops < 16 {
            patient = try find(db, id: survivor)
            hops += 1
        }
        return patient
    }

    private static let columns = "id, family, given, birthDate, gender, deceased, deceasedAt, deceasedRecordedAt, mergedInto, updatedAt"
    private static let byID = "SELECT \(columns) FROM patient WHERE id = ?"
    private static let byIdentifier = """
        SELECT \(columns) FROM patient WHERE id = (SELECT patientId FROM patientIdentifier WHERE system = ? AND value = ?)
        """

    /// A patient from a row of ``columns``, with its identifiers.
    private static func patient(_ db: Database, _ row: Row) throws -> Patient {
        let id: String = row[0]
        return Patient(id: id, identifiers: try identifiers(db, patientID: id), family: row[1],
                       given: JSONColumn.decode([String].self, row[2]) ?? [], birthDate: row[3], gender: row[4],
                       deceased: row[5], deceasedAt: StoredDate.read(row, 6), deceasedRecordedAt: StoredDate.read(row, 7),
                       mergedInto: row[8], updatedAt: StoredDate.read(row, 9) ?? row[9])
    }

    /// The patient that holds `identifier` itself, without following merge links.
    public static func holder(_ db: Database, identifier: Identifier) throws -> Patient? {
        try holderID(db, identifier).flatMap { try find(db, id: $0) }
    }

    static func holderID(_ db: Database, _ identifier: Identifier) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT patientId FROM patientIdentifier WHERE system = ? AND value = ?"),
                            arguments: [identifier.system, identifier.value])
    }

    /// Inserts a new patient; fails with `PG-4006` when one of its identifiers is taken.
    public static func insert(_ db: Database, _ patient: Patient) throws {
        try PatientRecord(patient).insert(db)
        try attach(db, patient.identifiers, to: patient.id)
    }

    /// Saves demographics and status; identifiers are added (never silently moved). `attached`
    /// names identifiers the caller read from this patient in the same transaction: they are
    /// not checked again.
    public static func update(_ db: Database, _ patient: Patient, attached: [Identifier] = []) throws {
        // By hand rather than `PatientRecord.update`: ADT intake updates a patient per message.
        try db.execute(
            cached: """
                UPDATE patient SET family = ?, given = ?, birthDate = ?, gender = ?, deceased = ?, deceasedAt = ?,
                  deceasedRecordedAt = ?, mergedInto = ?, updatedAt = ? WHERE id = ?
                """,
            [patient.family, JSONColumn.encode(patient.given), patient.birthDate, patient.gender, patient.deceased,
             StoredDate.value(patient.deceasedAt), StoredDate.value(patient.deceasedRecordedAt), patient.mergedInto,
             StoredDate.value(patient.updatedAt), patient.id])
        guard db.changesCount == 1 else { throw RecordError.recordNotFound(databaseTableName: "patient", key: ["id": patient.id.databaseValue]) }
        try attach(db, attached.isEmpty ? patient.identifiers : patient.identifiers.filter { !attached.contains($0) }, to: patient.id)
    }

    /// Detaches an identifier from its patient (HL7 A47 identifier change).
    public static func removeIdentifier(_ db: Database, _ identifier: Identifier) throws {
        try db.execute(cached: "DELETE FROM patientIdentifier WHERE system = ? AND value = ?", [identifier.system, identifier.value])
    }

    static func attach(_ db: Database, _ identifiers: [Identifier], to patientID: String) throws {
        for identifier in identifiers {
            if let holder = try holderID(db, identifier) {
                guard holder == patientID else {
                    throw PGError(.conflict, "identifier \(identifier) belongs to another patient")
                }
                continue
            }
            try PatientIdentifierRecord(system: identifier.system, value: identifier.value, patientId: patientID).insert(db)
        }
    }

    static func identifiers(_ db: Database, patientID: String) throws -> [Identifier] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT system, value FROM patientIdentifier WHERE patientId = ? ORDER BY system, value"),
                         arguments: [patientID])
            .map { Identifier(system: $0[0], value: $0[1]) }
    }
}
