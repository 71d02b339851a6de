import Foundation
import GRDB
import PhotoGateCore

/// Row of `asset`.
struct AssetRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "asset"
    enum Columns {
        static let id = Column("id")
        static let patientId = Column("patientId")
        static let state = Column("state")
        static let createdAt = Column("createdAt")
    }

    var id: String
    var patientId: String
    var stream: String
    var state: String
    var bodySite: String?
    var laterality: String?
    var description: String?
    var capturedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var releasedAt: Date?
    var studyInstanceUID: String
    var seriesInstanceUID: String
    var sopInstanceUID: String
    var contentType: String
    var tags: String
    var originalBlob: String
    var dicomBlob: String
    var keyPatientId: String?

    init(_ a: Asset, blobs: AssetBlobs) {
        id = a.id
        patientId = a.patientID
        stream = a.stream.rawValue
        state = a.state.rawValue
        bodySite = a.bodySite
        laterality = a.laterality
        description = a.description
        capturedAt = a.capturedAt
        createdAt = a.createdAt
        updatedAt = a.updatedAt
        releasedAt = a.releasedAt
        studyInstanceUID = a.studyInstanceUID
        seriesInstanceUID = a.seriesInstanceUID
        sopInstanceUID = a.sopInstanceUID
        contentType = a.contentType
        tags = JSONColumn.encode(a.tags)
        originalBlob = blobs.original
        dicomBlob = blobs.dicom
        keyPatientId = a.patientID
    }

    /// Every column, in the order ``init(row:)`` reads them. Every read of the table selects
    /// exactly these (`databaseSelection` for GRDB's requests, ``selection`` in SQL).
    static let columnNames = ["id", "patientId", "stream", "state", "bodySite", "laterality", "description", "capturedAt",
                              "createdAt", "updatedAt", "releasedAt", "studyInstanceUID", "seriesInstanceUID", "sopInstanceUID",
                              "contentType", "tags", "originalBlob", "dicomBlob", "keyPatientId"]
    static let selection = columnNames.joined(separator: ", ")
    static var databaseSelection: [any SQLSelectable] { columnNames.map { Column($0) } }

    /// Read by position, not through `Decodable` or by column name (GRDB's row decoder, and
    /// a name lookup per column, cost more than the query on the decision, death and expiry
    /// paths, which read thousands of rows); dates without Foundation's calendar.
    init(row: Row) {
        id = row[0]
        patientId = row[1]
        stream = row[2]
        state = row[3]
        bodySite = row[4]
        laterality = row[5]
        description = row[6]
        capturedAt = StoredDate.read(row, 7)
        createdAt = StoredDate.read(row, 8) ?? row[8]
        updatedAt = StoredDate.read(row, 9) ?? row[9]
        releasedAt = StoredDate.read(row, 10)
        studyInstanceUID = row[11]
        seriesInstanceUID = row[12]
        sopInstanceUID = row[13]
        contentType = row[14]
        tags = row[15]
        originalBlob = row[16]
        dicomBlob = row[17]
        keyPatientId = row[18]
    }

    var domain: Asset {
        Asset(id: id, patientID: patientId, stream: AssetStream(rawValue: stream) ?? .clinical,
              state: AssetState(rawValue: state) ?? .toBeAssessed, bodySite: bodySite, laterality: laterality,
              description: description, capturedAt: capturedAt, createdAt: createdAt, updatedAt: updatedAt,
              releasedAt: releasedAt, studyInstanceUID: studyInstanceUID, seriesInstanceUID: seriesInstanceUID,
              sopInstanceUID: sopInstanceUID, contentType: contentType, tags: JSONColumn.decode([String].self, tags) ?? [])
    }

    var blobs: AssetBlobs { AssetBlobs(original: originalBlob, dicom: dicomBlob, keyOwner: keyPatientId ?? patientId) }
}

/// The blob IDs of an asset's stored bytes.
public struct AssetBlobs: Sendable, Equatable {
    public var original: String
    public var dicom: String
    /// The patient whose data key sealed the blobs (differs from the asset's patient after a merge).
    public var keyOwner: String?

    public init(original: String, dicom: String, keyOwner: String? = nil) {
        self.original = original
        self.dicom = dicom
        self.keyOwner = keyOwner
    }
}
