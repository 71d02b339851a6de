import Foundation
import GRDB
import PhotoGateCore

/// A stored HL7 v2 message with the ACK it got and what processing did.
public struct StoredHL7Message: Sendable, Equatable, Codable {
    public var id: String
    public var receivedAt: Date
    public var peer: String
    public var sendingApplication: String
    public var sendingFacility: String
    public var controlId: String
    public var messageType: String?
    public var version: String?
    public var raw: Data
    public var status: String
    public var ack: String
    public var appAck: String?
    public var outcome: String
    public var patientId: String?
    public var processedAt: Date?
    public var reprocessCount: Int

    public init(id: String, receivedAt: Date, peer: String, sendingApplication: String, sendingFacility: String,
                controlId: String, messageType: String?, version: String?, raw: Data, status: String, ack: String,
                appAck: String?, outcome: String, patientId: String?, processedAt: Date?, reprocessCount: Int = 0) {
        self.id = id
        self.receivedAt = receivedAt
        self.peer = peer
        self.sendingApplication = sendingApplication
        self.sendingFacility = sendingFacility
        self.controlId = controlId
        self.messageType = messageType
        self.version = version
        self.raw = raw
        self.status = status
        self.ack = ack
        self.appAck = appAck
        self.outcome = outcome
        self.patientId = patientId
        self.processedAt = processedAt
        self.reprocessCount = reprocessCount
    }
}

extension StoredHL7Message: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "hl7Message"
}

/// The durable intake log of HL7 v2 messages (and the message browser's source).
public enum HL7MessageStore {
    /// The message already received with this key (a retransmission), if any.
    public static func find(_ db: Database, sendingApplication: String, sendingFacility: String, controlId: String) throws
        -> StoredHL7Message?
    {
        guard !controlId.isEmpty else { return nil }
        return try StoredHL7Message.fetchOne(
            db, cached: "SELECT * FROM hl7Message WHERE sendingApplication = ? AND sendingFacility = ? AND controlId = ? AND controlId != ''",
            [sendingApplication, sendingFacility, controlId])
    }

    public static func find(_ db: Database, id: String) throws -> StoredHL7Message? {
        try StoredHL7Message.fetchOne(db, cached: "SELECT * FROM hl7Message WHERE id = ?", [id])
    }

    /// By hand rather than `StoredHL7Message.insert`: one per message received.
    public static func insert(_ db: Database, _ m: StoredHL7Message) throws {
        try db.execute(
            cached: """
                INSERT INTO hl7Message (id, receivedAt, peer, sendingApplication, sendingFacility, controlId, messageType,
                  version, raw, status, ack, appAck, outcome, patientId, processedAt, reprocessCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            [m.id, StoredDate.value(m.receivedAt), m.peer, m.sendingApplication, m.sendingFacility, m.controlId, m.messageType,
             m.version, m.raw, m.status, m.ack, m.appAck, m.outcome, m.patientId, StoredDate.value(m.processedAt),
             m.reprocessCount])
    }

    public static func update(_ db: Database, _ message: StoredHL7Message) throws { try message.update(db) }

    /// Newest first, filtered.
    public static func list(_ db: Database, status: String?, type: String?, since: Date?, limit: Int) throws -> [StoredHL7Message] {
        var request = StoredHL7Message.order(Column("receivedAt").desc)
        if let status { request = request.filter(Column("status") == status) }
        if let type { request = request.filter(Column("messageType") == type || Column("messageType").like(type + "^%")) }
        if let since { request = request.filter(Column("receivedAt") >= since) }
        return try request.limit(limit).fetchAll(db)
    }
}
