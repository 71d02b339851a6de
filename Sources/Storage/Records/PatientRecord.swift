import Foundation
import GRDB
import PhotoGateCore

/// Row of `patient`.
struct PatientRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "patient"
    enum Columns {
        static let id = Column("id")
        static let deceased = Column("deceased")
        static let mergedInto = Column("mergedInto")
    }

    var id: String
    var family: String?
    var given: String
    var birthDate: String?
    var gender: String?
    var deceased: Bool
    var deceasedAt: Date?
    var deceasedRecordedAt: Date?
    var mergedInto: String?
    var updatedAt: Date

    init(_ p: Patient) {
        id = p.id
        family = p.family
        given = JSONColumn.encode(p.given)
        birthDate = p.birthDate
        gender = p.gender
        deceased = p.deceased
        deceasedAt = p.deceasedAt
        deceasedRecordedAt = p.deceasedRecordedAt
        mergedInto = p.mergedInto
        updatedAt = p.updatedAt
    }

    func domain(identifiers: [Identifier]) -> Patient {
        Patient(id: id, identifiers: identifiers, family: family, given: JSONColumn.decode([String].self, given) ?? [],
                birthDate: birthDate, gender: gender, deceased: deceased, deceasedAt: deceasedAt,
                deceasedRecordedAt: deceasedRecordedAt, mergedInto: mergedInto, updatedAt: updatedAt)
    }
}

/// Row of `patientIdentifier`: `system|value` is unique across patients.
struct PatientIdentifierRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "patientIdentifier"
    enum Columns {
        static let system = Column("system")
        static let value = Column("value")
        static let patientId = Column("patientId")
    }

    var system: String
    var value: String
    var patientId: String
}
