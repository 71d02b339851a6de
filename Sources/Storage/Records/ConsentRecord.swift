import Foundation
import GRDB
import PhotoGateCore

/// Row of `consent`, with the expiry schedule the scheduler works from.
struct ConsentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent"
    enum Columns {
        static let id = Column("id")
        static let patientId = Column("patientId")
        static let status = Column("status")
        static let expiringDueAt = Column("expiringDueAt")
        static let expiringRaisedAt = Column("expiringRaisedAt")
        static let expiredDueAt = Column("expiredDueAt")
        static let expiredRaisedAt = Column("expiredRaisedAt")
    }

    var id: String
    var patientId: String
    var status: String
    var scopeAssets: String?
    var channels: String
    var periodStart: Date?
    var periodEnd: Date?
    var denies: String
    var withdrawnAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var expiringDueAt: Date?
    var expiringRaisedAt: Date?
    var expiredDueAt: Date?
    var expiredRaisedAt: Date?

    init(_ c: Consent, expiringDueAt: Date?, expiredDueAt: Date?) {
        id = c.id
        patientId = c.patientID
        status = c.status.rawValue
        switch c.scope {
        case .allAssets: scopeAssets = nil
        case .assets(let ids): scopeAssets = JSONColumn.encode(ids)
        }
        channels = JSONColumn.encode(c.channels.map(\.rawValue))
        periodStart = c.period.start
        periodEnd = c.period.end
        denies = JSONColumn.encode(c.denies)
        withdrawnAt = c.withdrawnAt
        createdAt = c.createdAt
        updatedAt = c.updatedAt
        self.expiringDueAt = expiringDueAt
        self.expiredDueAt = expiredDueAt
    }

    /// Read by column name, not through `Decodable` (GRDB's row decoder costs more than the query).
    init(row: Row) throws {
        id = row["id"]
        patientId = row["patientId"]
        status = row["status"]
        scopeAssets = row["scopeAssets"]
        channels = row["channels"]
        periodStart = row["periodStart"]
        periodEnd = row["periodEnd"]
        denies = row["denies"]
        withdrawnAt = row["withdrawnAt"]
        createdAt = row["createdAt"]
        updatedAt = row["updatedAt"]
        expiringDueAt = row["expiringDueAt"]
        expiringRaisedAt = row["expiringRaisedAt"]
        expiredDueAt = row["expiredDueAt"]
        expiredRaisedAt = row["expiredRaisedAt"]
    }

    var domain: Consent {
        Consent(id: id, patientID: patientId, status: ConsentStatus(rawValue: status) ?? .enteredInError,
                scope: scopeAssets.flatMap { JSONColumn.decode([String].self, $0) }.map(ConsentScope.assets) ?? .allAssets,
                channels: (JSONColumn.decode([String].self, channels) ?? []).map(Channel.init(rawValue:)),
                period: Period(start: periodStart, end: periodEnd),
                denies: denies == "[]" ? [] : JSONColumn.decode([DenyProvision].self, denies) ?? [],
                withdrawnAt: withdrawnAt, createdAt: createdAt, updatedAt: updatedAt)
    }
}
