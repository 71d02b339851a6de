import Foundation
import GRDB
import PhotoGateCore

/// Row of `usage`.
struct UsageRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "usage"
    enum Columns {
        static let assetId = Column("assetId")
        static let publishedAt = Column("publishedAt")
    }

    var id: String
    var assetId: String
    var channel: String
    var location: String
    var publishedBy: String
    var publishedAt: Date

    init(_ u: Usage) {
        id = u.id
        assetId = u.assetID
        channel = u.channel.rawValue
        location = u.location
        publishedBy = u.publishedBy
        publishedAt = u.publishedAt
    }

    var domain: Usage {
        Usage(id: id, assetID: assetId, channel: Channel(rawValue: channel), location: location,
              publishedBy: publishedBy, publishedAt: publishedAt)
    }
}

/// Row of `review`.
struct ReviewRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "review"

    var id: String
    var assetId: String
    var action: String
    var note: String
    var reviewer: String
    var reviewedAt: Date

    init(_ r: Review) {
        id = r.id
        assetId = r.assetID
        action = r.action.rawValue
        note = r.note
        reviewer = r.reviewer
        reviewedAt = r.reviewedAt
    }

    var domain: Review {
        Review(id: id, assetID: assetId, action: ReviewAction(rawValue: action) ?? .archive, note: note,
               reviewer: reviewer, reviewedAt: reviewedAt)
    }
}
