import Foundation

/// The outcome of a human review of an asset on hold.
public enum ReviewAction: String, Sendable, Codable, CaseIterable {
    /// Back to `active`: requires a note recording the next-of-kin's wishes and a valid consent.
    case release
    /// To `archived`: never published again.
    case archive
}

/// A recorded review.
public struct Review: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var assetID: String
    public var action: ReviewAction
    public var note: String
    public var reviewer: String
    public var reviewedAt: Date

    public init(id: String, assetID: String, action: ReviewAction, note: String, reviewer: String, reviewedAt: Date) {
        self.id = id
        self.assetID = assetID
        self.action = action
        self.note = note
        self.reviewer = reviewer
        self.reviewedAt = reviewedAt
    }
}
