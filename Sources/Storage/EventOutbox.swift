import Foundation
import GRDB
import PhotoGateCore

/// Row of `event`.
struct EventRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "event"
    enum Columns {
        static let seq = Column("seq")
    }

    var seq: Int64?
    var id: String
    var type: String
    var occurredAt: Date
    var patientId: String?
    var assetId: String?
    var payload: String

    mutating func didInsert(_ inserted: InsertionSuccess) { seq = inserted.rowID }

    var domain: GatewayEvent? {
        guard let type = EventType(rawValue: type) else { return nil }
        return GatewayEvent(seq: seq ?? 0, id: id, type: type, occurredAt: occurredAt, patientID: patientId,
                            assetID: assetId, payload: JSONColumn.decode([String: JSONValue].self, payload) ?? [:])
    }
}

/// The transactional outbox: events are written in the same transaction as the change
/// that raised them, and read in order by cursor (pull API, webhook delivery).
public enum EventOutbox {
    /// Appends an event inside the caller's transaction; returns it with its sequence number.
    @discardableResult
    public static func append(_ db: Database, _ event: GatewayEvent) throws -> GatewayEvent {
        // By hand rather than `EventRecord.insert`: a death notice raises two events per photo.
        try db.execute(
            cached: "INSERT INTO event (id, type, occurredAt, patientId, assetId, payload) VALUES (?, ?, ?, ?, ?, ?)",
            [event.id, event.type.rawValue, StoredDate.value(event.occurredAt), event.patientID, event.assetID,
             JSONColumn.encode(event.payload)])
        var stored = event
        stored.seq = db.lastInsertedRowID
        return stored
    }

    /// Events after `cursor` (exclusive), oldest first.
    public static func events(_ db: Database, after cursor: Int64, limit: Int, types: Set<EventType>? = nil) throws
        -> [GatewayEvent]
    {
        var request = EventRecord.filter(EventRecord.Columns.seq > cursor)
        if let types { request = request.filter(types.map(\.rawValue).contains(Column("type"))) }
        return try request.order(EventRecord.Columns.seq).limit(limit).fetchAll(db).compactMap(\.domain)
    }

    /// The newest sequence number (0 when empty).
    public static func head(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM event") ?? 0
    }
}
