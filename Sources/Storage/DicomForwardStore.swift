import Foundation
import GRDB
import PhotoGateCore

/// One object version to send to one destination (the forwarding outbox).
public struct DicomForward: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, sent, failed
    }

    public var id: String
    public var assetID: String
    public var version: Int
    public var destination: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var createdAt: Date
    public var sentAt: Date?

    public init(id: String, assetID: String, version: Int, destination: String, status: Status = .pending,
                attempts: Int = 0, nextAttemptAt: Date, lastError: String? = nil, createdAt: Date, sentAt: Date? = nil) {
        self.id = id
        self.assetID = assetID
        self.version = version
        self.destination = destination
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }
}

/// The durable forwarding outbox: rows are written in the same transaction as the asset
/// (or the new object version) they send, and leave `pending` only when the destination
/// answered the C-STORE.
public enum DicomForwardStore {
    /// Adds a forward unless the same version is already queued for that destination.
    public static func enqueue(_ db: Database, _ forward: DicomForward) throws {
        try db.execute(cached: """
            INSERT OR IGNORE INTO dicomForward (id, assetId, version, destination, status, attempts, nextAttemptAt,
              lastError, createdAt, sentAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [forward.id, forward.assetID, forward.version, forward.destination, forward.status.rawValue,
                  forward.attempts, forward.nextAttemptAt, forward.lastError, forward.createdAt, forward.sentAt])
    }

    /// Pending forwards due at `now`, oldest first.
    public static func due(_ db: Database, now: Date, limit: Int) throws -> [DicomForward] {
        try Row.fetchAll(db, cached: """
            SELECT * FROM dicomForward WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt LIMIT ?
            """, [now, limit]).map(forward)
    }

    /// The earliest time a pending forward is due, if any.
    public static func nextDue(_ db: Database) throws -> Date? {
        try Date.fetchOne(db, cached: "SELECT MIN(nextAttemptAt) FROM dicomForward WHERE status = 'pending'")
    }

    public static func markSent(_ db: Database, id: String, at: Date) throws {
        try db.execute(cached: """
            UPDATE dicomForward SET status = 'sent', sentAt = ?, attempts = attempts + 1, lastError = NULL WHERE id = ?
            """, [at, id])
    }

    /// Records a failed attempt: retried at `retryAt`, or given up (`failed`) when nil.
    public static func markAttempt(_ db: Database, id: String, error: String, retryAt: Date?) throws {
        try db.execute(cached: """
            UPDATE dicomForward SET attempts = attempts + 1, lastError = ?, status = ?, nextAttemptAt = COALESCE(?, nextAttemptAt)
            WHERE id = ?
            """, [error, retryAt == nil ? "failed" : "pending", retryAt, id])
    }

    /// Puts failed forwards back in the queue (after the destination was fixed).
    public static func retryFailed(_ db: Database, destination: String?, now: Date) throws -> Int {
        try db.execute(sql: """
            UPDATE dicomForward SET status = 'pending', nextAttemptAt = ?, attempts = 0
            WHERE status = 'failed' AND (? IS NULL OR destination = ?)
            """, arguments: [now, destination, destination])
        return db.changesCount
    }

    /// Forwards filtered by status and destination, newest first.
    public static func list(_ db: Database, status: DicomForward.Status?, destination: String?, limit: Int) throws
        -> [DicomForward]
    {
        try Row.fetchAll(db, sql: """
            SELECT * FROM dicomForward WHERE (? IS NULL OR status = ?) AND (? IS NULL OR destination = ?)
            ORDER BY createdAt DESC, id DESC LIMIT ?
            """, arguments: [status?.rawValue, status?.rawValue, destination, destination, limit]).map(forward)
    }

    /// Counts per destination and status.
    public static func summary(_ db: Database) throws -> [(destination: String, status: String, count: Int)] {
        try Row.fetchAll(db, sql: "SELECT destination, status, COUNT(*) AS n FROM dicomForward GROUP BY destination, status")
            .map { ($0["destination"], $0["status"], $0["n"]) }
    }

    private static func forward(_ row: Row) -> DicomForward {
        DicomForward(id: row["id"], assetID: row["assetId"], version: row["version"], destination: row["destination"],
                     status: DicomForward.Status(rawValue: row["status"]) ?? .pending, attempts: row["attempts"],
                     nextAttemptAt: row["nextAttemptAt"], lastError: row["lastError"], createdAt: row["createdAt"],
                     sentAt: row["sentAt"])
    }
}
