import Foundation
import GRDB
import PhotoGateCore

/// One asset's DICOM object as the query index sees it (the current version).
public struct DicomInstance: Sendable, Equatable {
    public var assetID: String
    public var version: Int
    public var sopClassUID: String
    public var sopInstanceUID: String
    public var transferSyntaxUID: String
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var patientID: String
    /// The indexed attributes (tag → value in DICOM string form).
    public var attributes: [UInt32: String]
    public var size: Int64
    /// Where it came from: `upload`, `dimse:<calling AE>`, `stow`, `fhir`.
    public var source: String
    public var indexedAt: Date

    public init(assetID: String, version: Int, sopClassUID: String, sopInstanceUID: String, transferSyntaxUID: String,
                studyInstanceUID: String, seriesInstanceUID: String, patientID: String, attributes: [UInt32: String],
                size: Int64, source: String, indexedAt: Date) {
        self.assetID = assetID
        self.version = version
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.patientID = patientID
        self.attributes = attributes
        self.size = size
        self.source = source
        self.indexedAt = indexedAt
    }
}

/// Narrowing of an index search on the columns the index has; everything else is matched
/// by the caller (PS3.4 C.2.2 matching needs the VR, which the store does not know).
public struct DicomIndexFilter: Sendable, Equatable {
    public var patientIDs: [String]?
    public var studyInstanceUIDs: [String]?
    public var seriesInstanceUIDs: [String]?
    public var sopInstanceUIDs: [String]?

    public init(patientIDs: [String]? = nil, studyInstanceUIDs: [String]? = nil, seriesInstanceUIDs: [String]? = nil,
                sopInstanceUIDs: [String]? = nil) {
        self.patientIDs = patientIDs
        self.studyInstanceUIDs = studyInstanceUIDs
        self.seriesInstanceUIDs = seriesInstanceUIDs
        self.sopInstanceUIDs = sopInstanceUIDs
    }
}

/// The DICOM query index and the retained earlier versions of objects.
public enum DicomInstanceStore {
    /// Inserts or replaces the index row of an asset.
    public static func save(_ db: Database, _ instance: DicomInstance) throws {
        try db.execute(cached: """
            INSERT OR REPLACE INTO dicomInstance (assetId, version, sopClassUID, sopInstanceUID, transferSyntaxUID,
              studyInstanceUID, seriesInstanceUID, patientID, attributes, size, source, indexedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [instance.assetID, instance.version, instance.sopClassUID, instance.sopInstanceUID,
                  instance.transferSyntaxUID, instance.studyInstanceUID, instance.seriesInstanceUID, instance.patientID,
                  encode(instance.attributes), instance.size, instance.source, instance.indexedAt])
    }

    public static func find(_ db: Database, assetID: String) throws -> DicomInstance? {
        try Row.fetchOne(db, cached: "SELECT * FROM dicomInstance WHERE assetId = ?", [assetID]).map(instance)
    }

    public static func find(_ db: Database, sopInstanceUID: String) throws -> DicomInstance? {
        try Row.fetchOne(db, cached: "SELECT * FROM dicomInstance WHERE sopInstanceUID = ?", [sopInstanceUID]).map(instance)
    }

    /// Index rows passing the filter, at most `limit`, in a stable order (study, series, SOP
    /// instance). Only assets that are not erased.
    public static func search(_ db: Database, _ filter: DicomIndexFilter, limit: Int) throws -> [DicomInstance] {
        var clauses = ["a.state != 'erased'"]
        var arguments: [any DatabaseValueConvertible] = []
        func any(_ column: String, _ values: [String]?) {
            guard let values else { return }
            clauses.append("d.\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            arguments.append(contentsOf: values)
        }
        any("patientID", filter.patientIDs)
        any("studyInstanceUID", filter.studyInstanceUIDs)
        any("seriesInstanceUID", filter.seriesInstanceUIDs)
        any("sopInstanceUID", filter.sopInstanceUIDs)
        arguments.append(limit)
        let sql = """
            SELECT d.* FROM dicomInstance d JOIN asset a ON a.id = d.assetId WHERE \(clauses.joined(separator: " AND "))
            ORDER BY d.studyInstanceUID, d.seriesInstanceUID, d.sopInstanceUID LIMIT ?
            """
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(instance)
    }

    /// Index rows of one patient's assets.
    public static func ofPatient(_ db: Database, patientRecordID: String) throws -> [DicomInstance] {
        try Row.fetchAll(db, cached: """
            SELECT d.* FROM dicomInstance d JOIN asset a ON a.id = d.assetId WHERE a.patientId = ? AND a.state != 'erased'
            """, [patientRecordID]).map(instance)
    }

    /// Keeps the blob of a superseded version (for audit).
    public static func retainVersion(_ db: Database, assetID: String, version: Int, blob: String, at: Date,
                                     reason: String) throws {
        try db.execute(cached: """
            INSERT INTO dicomObjectVersion (assetId, version, blob, supersededAt, reason) VALUES (?, ?, ?, ?, ?)
            """, [assetID, version, blob, at, reason])
    }

    /// Superseded versions of an asset's object, oldest first.
    public static func versions(_ db: Database, assetID: String) throws -> [(version: Int, blob: String, reason: String)] {
        try Row.fetchAll(db, cached: "SELECT version, blob, reason FROM dicomObjectVersion WHERE assetId = ? ORDER BY version",
                         [assetID]).map { ($0["version"], $0["blob"], $0["reason"]) }
    }

    // MARK: patient sync queue (filled by the triggers of migration dicom-v1)

    /// Patients waiting for a sync, oldest request first, each with the ticket that
    /// ``patientSynced(_:_:ticket:)`` needs (a request made meanwhile gets a new ticket).
    public static func patientsToSync(_ db: Database, limit: Int) throws -> [(patientID: String, ticket: Int64)] {
        try Row.fetchAll(db, cached: "SELECT rowid, patientId FROM dicomPatientSync ORDER BY rowid LIMIT ?", [limit])
            .map { ($0["patientId"], $0["rowid"]) }
    }

    /// Clears a sync request, unless the patient changed again since it was read.
    public static func patientSynced(_ db: Database, _ patientID: String, ticket: Int64) throws {
        try db.execute(cached: "DELETE FROM dicomPatientSync WHERE patientId = ? AND rowid = ?", [patientID, ticket])
    }

    // MARK: patient flags

    /// The flag of a patient created from a received object until the EHR side confirms it.
    public static let unverified = "unverified"

    public static func flagPatient(_ db: Database, _ patientID: String, flag: String, detail: String, at: Date) throws {
        try db.execute(cached: "INSERT OR IGNORE INTO patientFlag (patientId, flag, detail, createdAt) VALUES (?, ?, ?, ?)",
                       [patientID, flag, detail, at])
    }

    public static func flags(_ db: Database, patientID: String) throws -> [String] {
        try String.fetchAll(db, cached: "SELECT flag FROM patientFlag WHERE patientId = ? ORDER BY flag", [patientID])
    }

    public static func clearFlag(_ db: Database, _ patientID: String, flag: String) throws {
        try db.execute(cached: "DELETE FROM patientFlag WHERE patientId = ? AND flag = ?", [patientID, flag])
    }

    // MARK: rows

    private static func instance(_ row: Row) -> DicomInstance {
        DicomInstance(assetID: row["assetId"], version: row["version"], sopClassUID: row["sopClassUID"],
                      sopInstanceUID: row["sopInstanceUID"], transferSyntaxUID: row["transferSyntaxUID"],
                      studyInstanceUID: row["studyInstanceUID"], seriesInstanceUID: row["seriesInstanceUID"],
                      patientID: row["patientID"], attributes: decode(row["attributes"]), size: row["size"],
                      source: row["source"], indexedAt: row["indexedAt"])
    }

    static func encode(_ attributes: [UInt32: String]) -> String {
        JSONColumn.object(Dictionary(uniqueKeysWithValues: attributes.map { (tagKey($0.key), JSONValue.string($0.value)) }))
    }

    static func decode(_ text: String) -> [UInt32: String] {
        let map = JSONColumn.decode([String: String].self, text) ?? [:]
        return Dictionary(uniqueKeysWithValues: map.compactMap { key, value in UInt32(key, radix: 16).map { ($0, value) } })
    }

    static func tagKey(_ tag: UInt32) -> String {
        let hex = String(tag, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
