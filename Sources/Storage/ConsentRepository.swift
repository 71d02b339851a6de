import Foundation
import GRDB
import PhotoGateCore

/// Consents, with the expiry schedule kept beside them.
public enum ConsentRepository {
    /// Inserts or replaces a consent and recomputes its expiry schedule. A deadline that
    /// moves resets its "raised" mark, so a renewed consent warns again. Prepared statements
    /// and formatter-free dates: every consent change (FHIR, HL7, the JSON API) runs it on the
    /// store's one writer.
    public static func save(_ db: Database, _ consent: Consent, leadTime: TimeInterval) throws {
        let active = consent.status == .active
        let end = active ? consent.period.end : nil
        let expiringDue = end.map { $0.addingTimeInterval(-leadTime) }
        var record = ConsentRecord(consent, expiringDueAt: expiringDue, expiredDueAt: end)
        if let old = try ConsentRecord.fetchOne(db, cached: selectByID, [consent.id]) {
            record.expiringRaisedAt = old.expiringDueAt == expiringDue ? old.expiringRaisedAt : nil
            record.expiredRaisedAt = old.expiredDueAt == end ? old.expiredRaisedAt : nil
        }
        try db.execute(cached: """
            INSERT INTO consent (id, patientId, status, scopeAssets, channels, periodStart, periodEnd, denies, withdrawnAt,
              createdAt, updatedAt, expiringDueAt, expiringRaisedAt, expiredDueAt, expiredRaisedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET patientId = excluded.patientId, status = excluded.status,
              scopeAssets = excluded.scopeAssets, channels = excluded.channels, periodStart = excluded.periodStart,
              periodEnd = excluded.periodEnd, denies = excluded.denies, withdrawnAt = excluded.withdrawnAt,
              createdAt = excluded.createdAt, updatedAt = excluded.updatedAt, expiringDueAt = excluded.expiringDueAt,
              expiringRaisedAt = excluded.expiringRaisedAt, expiredDueAt = excluded.expiredDueAt,
              expiredRaisedAt = excluded.expiredRaisedAt
            """, [record.id, record.patientId, record.status, record.scopeAssets, record.channels,
                  StoredDate.value(record.periodStart), StoredDate.value(record.periodEnd), record.denies,
                  StoredDate.value(record.withdrawnAt), StoredDate.value(record.createdAt), StoredDate.value(record.updatedAt),
                  StoredDate.value(record.expiringDueAt), StoredDate.value(record.expiringRaisedAt),
                  StoredDate.value(record.expiredDueAt), StoredDate.value(record.expiredRaisedAt)])
    }

    static let selectByID = "SELECT * FROM consent WHERE id = ?"

    /// Moves every consent of `from` to `to` (a merge).
    public static func reassign(_ db: Database, from: String, to: String) throws {
        try db.execute(cached: "UPDATE consent SET patientId = ? WHERE patientId = ?", [to, from])
    }

    public static func find(_ db: Database, id: String) throws -> Consent? {
        try ConsentRecord.fetchOne(db, cached: selectByID, [id])?.domain
    }

    public static func ofPatient(_ db: Database, _ patientID: String) throws -> [Consent] {
        try ConsentRecord.fetchAll(db, cached: "SELECT * FROM consent WHERE patientId = ? ORDER BY createdAt, id", [patientID])
            .map(\.domain)
    }

    /// Consents whose expiry warning is due at `now` and not raised yet (partial index).
    public static func dueExpiring(_ db: Database, now: Date, limit: Int) throws -> [Consent] {
        try ConsentRecord.fetchAll(db, sql: """
            SELECT * FROM consent INDEXED BY consent_expiring_due
            WHERE expiringRaisedAt IS NULL AND expiringDueAt IS NOT NULL AND expiringDueAt <= ?
            ORDER BY expiringDueAt LIMIT ?
            """, arguments: [now, limit]).map(\.domain)
    }

    /// Consents that expired at `now` and whose expiry was not raised yet (partial index).
    public static func dueExpired(_ db: Database, now: Date, limit: Int) throws -> [Consent] {
        try ConsentRecord.fetchAll(db, sql: """
            SELECT * FROM consent INDEXED BY consent_expired_due
            WHERE expiredRaisedAt IS NULL AND expiredDueAt IS NOT NULL AND expiredDueAt <= ?
            ORDER BY expiredDueAt LIMIT ?
            """, arguments: [now, limit]).map(\.domain)
    }

    public static func markExpiringRaised(_ db: Database, id: String, at: Date) throws {
        try db.execute(cached: "UPDATE consent SET expiringRaisedAt = ? WHERE id = ?", [StoredDate.value(at), id])
    }

    public static func markExpiredRaised(_ db: Database, id: String, at: Date) throws {
        let stamp = StoredDate.value(at)
        try db.execute(cached: "UPDATE consent SET expiredRaisedAt = ?, expiringRaisedAt = COALESCE(expiringRaisedAt, ?) WHERE id = ?",
                       [stamp, stamp, id])
    }
}

/// Usages (the take-down list) and reviews.
public enum UsageRepository {
    public static func insert(_ db: Database, _ usage: Usage) throws { try UsageRecord(usage).insert(db) }

    public static func ofAssets(_ db: Database, _ assetIDs: [String]) throws -> [Usage] {
        guard !assetIDs.isEmpty else { return [] }
        // One prepared statement for any number of assets: the ids travel as one JSON array.
        return try UsageRecord.fetchAll(db, cached: """
            SELECT * FROM "usage" WHERE assetId IN (SELECT value FROM json_each(?)) ORDER BY publishedAt
            """, [JSONColumn.encode(assetIDs)]).map(\.domain)
    }

    public static func insert(_ db: Database, _ review: Review) throws { try ReviewRecord(review).insert(db) }

    public static func reviews(_ db: Database, assetID: String) throws -> [Review] {
        try ReviewRecord.filter(Column("assetId") == assetID).order(Column("reviewedAt")).fetchAll(db).map(\.domain)
    }
}
