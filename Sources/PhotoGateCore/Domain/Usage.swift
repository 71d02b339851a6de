import Foundation

/// Where an asset has been published. When consent is withdrawn, the usages are the
/// take-down list.
public struct Usage: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var assetID: String
    public var channel: Channel
    /// Where: a URL, a publication name, a print run.
    public var location: String
    /// Who published it (token name).
    public var publishedBy: String
    public var publishedAt: Date

    public init(id: String, assetID: String, channel: Channel, location: String, publishedBy: String, publishedAt: Date) {
        self.id = id
        self.assetID = assetID
        self.channel = channel
        self.location = location
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }
}
