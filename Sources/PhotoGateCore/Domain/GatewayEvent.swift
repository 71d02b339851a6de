import Foundation

/// Notification types (PRODUCT.md "What must happen").
public enum EventType: String, Sendable, Codable, CaseIterable {
    case patientDeceased = "patient.deceased"
    case assetCreated = "asset.created"
    case assetReviewRequired = "asset.review-required"
    case assetReleased = "asset.released"
    case assetArchived = "asset.archived"
    case assetBlocked = "asset.blocked"
    case consentExpiring = "consent.expiring"
    case consentExpired = "consent.expired"
    case consentWithdrawn = "consent.withdrawn"
}

/// One event from the outbox. `id` is stable across redeliveries; `seq` orders events and
/// is the cursor of `GET /api/events?after=`.
public struct GatewayEvent: Sendable, Equatable, Codable {
    public var seq: Int64
    public var id: String
    public var type: EventType
    public var occurredAt: Date
    public var patientID: String?
    public var assetID: String?
    public var payload: [String: JSONValue]

    public init(seq: Int64 = 0, id: String, type: EventType, occurredAt: Date, patientID: String? = nil,
                assetID: String? = nil, payload: [String: JSONValue] = [:]) {
        self.seq = seq
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.patientID = patientID
        self.assetID = assetID
        self.payload = payload
    }
}
