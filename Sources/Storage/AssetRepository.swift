import Foundation
import GRDB
import PhotoGateCore

/// Assets and where their bytes are.
public enum AssetRepository {
    public static func insert(_ db: Database, _ asset: Asset, blobs: AssetBlobs) throws {
        try AssetRecord(asset, blobs: blobs).insert(db)
    }

    public static func find(_ db: Database, id: String) throws -> (asset: Asset, blobs: AssetBlobs)? {
        guard let record = try AssetRecord.fetchOne(db, cached: byID, [id]) else { return nil }
        return (record.domain, record.blobs)
    }

    /// Saves state, metadata and tags (never the blob references or UIDs).
    public static func update(_ db: Database, _ asset: Asset) throws {
        try db.execute(
            cached: """
                UPDATE asset SET state = ?, stream = ?, bodySite = ?, laterality = ?, description = ?,
                  updatedAt = ?, releasedAt = ?, tags = ?, patientId = ? WHERE id = ?
                """,
            [asset.state.rawValue, asset.stream.rawValue, asset.bodySite, asset.laterality,
                        asset.description, StoredDate.value(asset.updatedAt), StoredDate.value(asset.releasedAt),
                        JSONColumn.encode(asset.tags),
                        asset.patientID, asset.id])
    }

    /// Writes only the life-cycle columns (state, updatedAt, releasedAt): state changes touch
    /// one index instead of every indexed column `update` rewrites.
    public static func updateState(_ db: Database, _ asset: Asset) throws {
        try db.execute(cached: "UPDATE asset SET state = ?, updatedAt = ?, releasedAt = ? WHERE id = ?",
                       [asset.state.rawValue, asset.updatedAt, asset.releasedAt, asset.id])
    }

    /// Moves every asset of the patient in state `from` to state `to` in one statement (the
    /// death fan-out: one statement instead of one per photo); returns how many changed.
    @discardableResult
    public static func setState(_ db: Database, patientID: String, from: AssetState, to: AssetState, at: Date) throws -> Int {
        try db.execute(cached: "UPDATE asset SET state = ?, updatedAt = ? WHERE patientId = ? AND state = ?",
                       [to.rawValue, at, patientID, from.rawValue])
        return db.changesCount
    }

    /// Points the asset at a new DICOM object blob (a rewritten version); the caller keeps
    /// the old blob (``DicomInstanceStore/retainVersion``).
    public static func replaceDicomBlob(_ db: Database, assetID: String, blob: String, at: Date) throws {
        try db.execute(cached: "UPDATE asset SET dicomBlob = ?, updatedAt = ? WHERE id = ?", [blob, at, assetID])
    }

    /// Moves every asset of `from` to `to` (a merge); returns the moved assets.
    public static func reassign(_ db: Database, from: String, to: String, at: Date) throws -> [Asset] {
        let moved = try ofPatient(db, from)
        try db.execute(cached: "UPDATE asset SET patientId = ?, updatedAt = ? WHERE patientId = ?", [to, at, from])
        return moved.map { var a = $0; a.patientID = to; a.updatedAt = at; return a }
    }

    /// Assets filtered by patient and state, oldest first.
    public static func list(_ db: Database, patientID: String? = nil, state: AssetState? = nil,
                            limit: Int = 100, offset: Int = 0) throws -> [Asset] {
        var request = AssetRecord.all()
        if let patientID { request = request.filter(AssetRecord.Columns.patientId == patientID) }
        if let state { request = request.filter(AssetRecord.Columns.state == state.rawValue) }
        return try request.order(AssetRecord.Columns.createdAt, AssetRecord.Columns.id)
            .limit(limit, offset: offset).fetchAll(db).map(\.domain)
    }

    /// Every asset of a patient in `state` (uses the patientId index).
    public static func ofPatient(_ db: Database, _ patientID: String, state: AssetState? = nil) throws -> [Asset] {
        // asset_on_patientId_state (migration v2) serves both forms.
        let rows = if let state {
            try Row.fetchCursor(db.cachedStatement(sql: ofPatientInState), arguments: [patientID, state.rawValue])
        } else {
            try Row.fetchCursor(db.cachedStatement(sql: ofPatientInAnyState), arguments: [patientID])
        }
        return try Array(rows.map { AssetRecord(row: $0).domain })
    }

    private static let byID = "SELECT \(AssetRecord.selection) FROM asset WHERE id = ?"
    private static let ofPatientInState = "SELECT \(AssetRecord.selection) FROM asset WHERE patientId = ? AND state = ?"
    private static let ofPatientInAnyState = "SELECT \(AssetRecord.selection) FROM asset WHERE patientId = ?"

    public static func count(_ db: Database, state: AssetState? = nil) throws -> Int {
        var request = AssetRecord.all()
        if let state { request = request.filter(AssetRecord.Columns.state == state.rawValue) }
        return try request.fetchCount(db)
    }
}
