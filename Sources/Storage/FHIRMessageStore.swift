import Foundation
import GRDB

/// A FHIR message already processed: its Bundle id and the response sent (FHIR R4
/// messaging.html: a receiver that gets the same message again returns the same response
/// and does not process it twice).
public struct FHIRProcessedMessage: Sendable, Equatable {
    public var bundleID: String
    public var receivedAt: Date
    public var event: String
    /// `ok` or `fatal-error`.
    public var responseCode: String
    /// The response Bundle, JSON.
    public var response: String

    public init(bundleID: String, receivedAt: Date, event: String, responseCode: String, response: String) {
        self.bundleID = bundleID
        self.receivedAt = receivedAt
        self.event = event
        self.responseCode = responseCode
        self.response = response
    }
}

/// The `fhirMessage` table. Each function runs inside the caller's transaction, so a message's
/// effects and its stored response commit together.
public enum FHIRMessageStore {
    public static func find(_ db: Database, bundleID: String) throws -> FHIRProcessedMessage? {
        try Row.fetchOne(db, sql: "SELECT * FROM fhirMessage WHERE bundleId = ?", arguments: [bundleID]).map {
            FHIRProcessedMessage(bundleID: $0["bundleId"], receivedAt: $0["receivedAt"], event: $0["event"],
                                 responseCode: $0["responseCode"], response: $0["response"])
        }
    }

    /// Records a processed message (a conflict on the id means another request processed it
    /// first: the caller's transaction fails and nothing of it is kept).
    public static func save(_ db: Database, _ m: FHIRProcessedMessage) throws {
        try db.execute(sql: """
            INSERT INTO fhirMessage (bundleId, receivedAt, event, responseCode, response) VALUES (?, ?, ?, ?, ?)
            """, arguments: [m.bundleID, m.receivedAt, m.event, m.responseCode, m.response])
    }

    /// The index version a resource type's search index was built with (0 when never).
    public static func indexVersion(_ db: Database, type: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT version FROM fhirIndexState WHERE type = ?", arguments: [type]) ?? 0
    }

    public static func setIndexVersion(_ db: Database, type: String, version: Int) throws {
        try db.execute(sql: """
            INSERT INTO fhirIndexState (type, version) VALUES (?, ?)
            ON CONFLICT(type) DO UPDATE SET version = excluded.version
            """, arguments: [type, version])
    }
}
