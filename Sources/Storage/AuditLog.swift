import Crypto
import Foundation
import GRDB
import PhotoGateCore

/// Row of `audit`.
struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "audit"
    enum Columns {
        static let seq = Column("seq")
    }

    var seq: Int64?
    var at: Date
    var actor: String
    var role: String
    var action: String
    var patientId: String?
    var assetId: String?
    var outcome: String
    var detail: String
    var prevHash: String
    var hash: String

    mutating func didInsert(_ inserted: InsertionSuccess) { seq = inserted.rowID }

    var domain: AuditEntry {
        AuditEntry(seq: seq ?? 0, at: at, actor: actor, role: role, action: action, patientID: patientId,
                   assetID: assetId, outcome: outcome, detail: JSONColumn.decode([String: String].self, detail) ?? [:])
    }
}

/// The hash-chained audit trail. Each record stores SHA-256 over the previous record's hash
/// and its own canonical content (including its sequence number), so altering, removing or
/// reordering any record breaks the chain from that point on.
public enum AuditLog {
    /// The hash before the first record.
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends inside the caller's transaction (writes are serialised, so the chain is linear).
    ///
    /// A record about many assets at once (a death fan-out) names them in `assets`: they go
    /// into the chained detail as `assets` (space-separated ids) and into the `auditAsset`
    /// index, so a search by asset finds the record like one whose `assetID` is that asset.
    @discardableResult
    public static func append(_ db: Database, _ entry: AuditEntry, assets: [String] = []) throws -> AuditEntry {
        var entry = entry
        if !assets.isEmpty { entry.detail[assetsDetail] = assets.joined(separator: " ") }
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"))
        let prev: String = last?["hash"] ?? genesis
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        var stored = entry
        stored.seq = seq
        // Stored dates are millisecond precision; hash what will be read back.
        stored.at = Date(timeIntervalSince1970: (entry.at.timeIntervalSince1970 * 1000).rounded() / 1000)
        let detail = JSONColumn.encode(stored.detail)
        // By hand rather than `AuditRecord.insert`: every operation appends at least one record.
        try db.execute(
            cached: """
                INSERT INTO audit (seq, at, actor, role, action, patientId, assetId, outcome, detail, prevHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            [seq, StoredDate.value(stored.at), stored.actor, stored.role, stored.action, stored.patientID, stored.assetID,
             stored.outcome, detail, prev, hash(prev: prev, stored, detail: detail)])
        if assets.count == 1 {
            try db.execute(cached: "INSERT OR IGNORE INTO auditAsset (assetId, seq) VALUES (?, ?)", [assets[0], seq])
        } else if !assets.isEmpty {
            // One statement for a fan-out's thousand assets: SQLite walks the JSON array itself.
            try db.execute(cached: "INSERT OR IGNORE INTO auditAsset (assetId, seq) SELECT value, ? FROM json_each(?)",
                           [seq, JSONColumn.encode(assets)])
        }
        return stored
    }

    /// The detail key listing the assets of a record about many assets.
    public static let assetsDetail = "assets"

    /// SQL condition: the record is about one of `count` assets (bound as arguments twice:
    /// once for `assetId`, once for the `auditAsset` index).
    static func aboutAssets(_ count: Int) -> String {
        let marks = Array(repeating: "?", count: count).joined(separator: ",")
        return "(assetId IN (\(marks)) OR seq IN (SELECT seq FROM auditAsset WHERE assetId IN (\(marks))))"
    }

    /// SHA-256 (hex) over the previous hash and the canonical form of the record.
    static func hash(prev: String, _ e: AuditEntry, detail: String? = nil) -> String {
        let ms = Int64((e.at.timeIntervalSince1970 * 1000).rounded())
        var canonical: [UInt8] = Array(prev.utf8)
        for field in [String(e.seq), String(ms), e.actor, e.role, e.action, e.patientID ?? "", e.assetID ?? "",
                      e.outcome, detail ?? JSONColumn.encode(e.detail)] {
            canonical.append(0x0A)
            for byte in field.utf8 {  // one field per line: escape backslash and newline
                switch byte {
                case 0x5C: canonical += [0x5C, 0x5C]
                case 0x0A: canonical += [0x5C, 0x6E]
                default: canonical.append(byte)
                }
            }
        }
        return Hex.string(SHA256.hash(data: canonical))
    }

    /// Problems found by ``verify(_:)``: the first bad record and why.
    public struct Breach: Sendable, Equatable, CustomStringConvertible {
        public let seq: Int64
        public let reason: String
        public var description: String { "audit record \(seq): \(reason)" }
    }

    /// Walks the whole chain; returns the first breach, or nil when intact. Also returns the
    /// number of records checked.
    public static func verify(_ db: Database) throws -> (checked: Int, breach: Breach?) {
        var prev = genesis
        var expected: Int64 = 1
        var checked = 0
        let cursor = try AuditRecord.order(AuditRecord.Columns.seq).fetchCursor(db)
        while let record = try cursor.next() {
            let seq = record.seq ?? -1
            if seq != expected {
                return (checked, Breach(seq: expected, reason: seq > expected ? "missing (next record is \(seq))" : "out of order"))
            }
            if record.prevHash != prev {
                return (checked, Breach(seq: seq, reason: "does not link to the record before it"))
            }
            var entry = record.domain
            entry.seq = seq
            if hash(prev: prev, entry) != record.hash {
                return (checked, Breach(seq: seq, reason: "content does not match its hash (altered)"))
            }
            prev = record.hash
            expected += 1
            checked += 1
        }
        return (checked, nil)
    }

    /// Records matching the filters, newest first.
    public static func entries(_ db: Database, patientID: String? = nil, assetID: String? = nil, actor: String? = nil,
                               limit: Int = 100) throws -> [AuditEntry] {
        var request = AuditRecord.order(AuditRecord.Columns.seq.desc)
        if let patientID { request = request.filter(Column("patientId") == patientID) }
        if let assetID { request = request.filter(sql: aboutAssets(1), arguments: [assetID, assetID]) }
        if let actor { request = request.filter(Column("actor") == actor) }
        return try request.limit(limit).fetchAll(db).map(\.domain)
    }
}
