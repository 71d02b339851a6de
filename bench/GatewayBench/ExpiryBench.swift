import Foundation
import GRDB
import Gateway

/// Section 5: one expiry-scheduler tick (`gateway.expiryTick()`) over the whole consent
/// table, with nothing due and with about 1,000 consents due.
enum ExpiryBench {
    static func run(_ gateway: Gateway, _ clock: MovableClock, _ report: Report) async throws {
        let section = "5. expiry tick"
        let consents = try await scalar(gateway, "SELECT COUNT(*) FROM consent") ?? 0
        clock.set(Date())
        var (ms, raised, events) = try await tick(gateway)
        report.add(section, "nothing due (\(Format.grouped(consents)) consents, clock = now)", Format.ms(ms), target: "< 100 ms")
        report.note("\(raised) raised")

        // ~1,000 warnings due: move the clock to the 1,000th pending `expiringDueAt` (or to just
        // before the first expiry, on a store too small to have 1,000 warnings before it).
        guard let expiring = try await date(gateway, """
            SELECT expiringDueAt FROM consent WHERE expiringRaisedAt IS NULL AND expiringDueAt IS NOT NULL
            ORDER BY expiringDueAt LIMIT 1 OFFSET 999
            """),
              let firstExpiry = try await date(gateway, "SELECT MIN(expiredDueAt) FROM consent WHERE expiredRaisedAt IS NULL")
        else { throw BenchError("fewer than 1,000 consents with an end") }
        clock.set(min(expiring, firstExpiry.addingTimeInterval(-1)))
        (ms, raised, events) = try await tick(gateway)
        // The < 100 ms target is the tick over 1M consents (finding what is due through the
        // partial indexes, never a scan); a tick that raises ~1,000 events does work in
        // proportion to them, shown per consent.
        report.add(section, "~1,000 `consent.expiring` due (work per consent raised: \(perConsent(ms, raised)))", Format.ms(ms))
        report.note("\(raised) raised: \(events)")

        // ~1,000 expiries due. A gateway that has been running raised their warnings 30 days
        // earlier, so mark those as raised first (set-up, not timed) and time the expiries alone.
        guard let expired = try await date(gateway, """
            SELECT expiredDueAt FROM consent WHERE expiredRaisedAt IS NULL AND expiredDueAt IS NOT NULL
            ORDER BY expiredDueAt LIMIT 1 OFFSET 999
            """) else { throw BenchError("fewer than 1,000 consents with an end") }
        let marked = try await gateway.database.writer.write { db -> Int in
            try db.execute(sql: """
                UPDATE consent SET expiringRaisedAt = expiringDueAt
                WHERE expiringRaisedAt IS NULL AND expiringDueAt IS NOT NULL AND expiringDueAt <= ?
                """, arguments: [expired])
            return db.changesCount
        }
        clock.set(expired)
        (ms, raised, events) = try await tick(gateway)
        report.add(section, "~1,000 `consent.expired` due, each with its take-down list and `asset.blocked` "
                   + "(work per consent raised: \(perConsent(ms, raised)))", Format.ms(ms))
        report.note("\(raised) raised: \(events) (set-up marked \(Format.grouped(marked)) earlier warnings as raised)")

        (ms, raised, events) = try await tick(gateway)
        report.add(section, "nothing due again, right after", Format.ms(ms), target: "< 100 ms")
        clock.set(Date())
    }

    static func perConsent(_ ms: Double, _ raised: Int) -> String {
        String(format: "%.2f ms", ms / Double(max(raised, 1)))
    }

    /// One timed tick; `events` counts the events it wrote, by type.
    static func tick(_ gateway: Gateway) async throws -> (ms: Double, raised: Int, events: String) {
        let before = try await scalar(gateway, "SELECT COALESCE(MAX(seq), 0) FROM event") ?? 0
        let watch = Stopwatch()
        let raised = try await gateway.expiryTick()
        let ms = watch.ms
        let types = try await gateway.database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT type, COUNT(*) AS n FROM event WHERE seq > ? GROUP BY type ORDER BY type",
                             arguments: [before]).map { "\($0["n"] as Int) \($0["type"] as String)" }
        }
        return (ms, raised, types.isEmpty ? "no events" : types.joined(separator: ", "))
    }

    static func scalar(_ gateway: Gateway, _ sql: String) async throws -> Int? {
        try await gateway.database.reader.read { try Int.fetchOne($0, sql: sql) }
    }

    static func date(_ gateway: Gateway, _ sql: String) async throws -> Date? {
        try await gateway.database.reader.read { try Date.fetchOne($0, sql: sql) }
    }
}
