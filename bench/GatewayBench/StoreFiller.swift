import Foundation
import GRDB
import PhotoGateCore
import Storage

/// Fills a gateway's SQLite store with the synthetic data set: prepared statements, one
/// transaction per 20,000 patients. Rows are what the gateway itself writes (same columns,
/// same JSON and date encodings); consents carry the expiry schedule exactly as
/// `ConsentRepository.save` computes it. Assets name blob ids whose files do not exist
/// (decisions, the death workflow and the scheduler never read blobs).
struct StoreFiller: Sendable {
    let layout: BenchLayout
    let writer: any DatabaseWriter
    let now: Date
    let leadTime: TimeInterval
    let hours: HourTable
    static let patientsPerTransaction = 20_000

    init(layout: BenchLayout, writer: any DatabaseWriter, now: Date, leadTime: TimeInterval) {
        self.layout = layout
        self.writer = writer
        self.now = now
        self.leadTime = leadTime
        hours = HourTable(now: now, from: -3 * 365 * 24, to: 2 * 365 * 24 + 48)
    }

    /// Inserts everything; returns the rows written per table.
    ///
    /// The plain (non-unique) indexes of the filled tables are dropped first and recreated at
    /// the end from their own `CREATE INDEX` text in `sqlite_master`, so the schema ends up
    /// byte-identical to what the migrations made, and each index is built by one sort instead
    /// of a million random B-tree inserts (the usual bulk-load technique).
    func fill() async throws -> [String: Int] {
        let (previousCache, indexes) = try await writer.write { db -> (Int, [String]) in
            let size = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -1048576")  // 1 GiB while filling: no spills mid-transaction
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('asset', 'consent', 'patientIdentifier')
                ORDER BY name
                """)
            for index in indexes { try db.execute(sql: "DROP INDEX \"\(index["name"] as String)\"") }
            return (size, indexes.map { $0["sql"] as String })
        }
        var counts: [String: Int] = [:]
        var p0 = 0
        while p0 < layout.patients {
            let range = p0..<min(p0 + Self.patientsPerTransaction, layout.patients)
            let assets = layout.assetRange(patients: range)
            let added = try await writer.write { db in try self.insert(db, patients: Array(range), assets: Array(assets)) }
            counts.merge(added, uniquingKeysWith: +)
            p0 = range.upperBound
        }
        let big = try await writer.write { db in
            try self.insert(db, patients: [self.layout.bigPatient, self.layout.big2Patient],
                            assets: Array(self.layout.assetRange(ofBig: self.layout.bigPatient))
                                + Array(self.layout.assetRange(ofBig: self.layout.big2Patient)))
        }
        counts.merge(big, uniquingKeysWith: +)
        try await writer.write { db in
            for sql in indexes { try db.execute(sql: sql) }
            try db.execute(sql: "PRAGMA cache_size = \(previousCache)")
        }
        try await writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return counts
    }

    private func insert(_ db: Database, patients: [Int], assets: [Int]) throws -> [String: Int] {
        let patient = try db.makeStatement(sql: """
            INSERT INTO patient (id, family, given, birthDate, gender, deceased, updatedAt)
            VALUES (?, ?, ?, ?, ?, 0, ?)
            """)
        let identifier = try db.makeStatement(sql: "INSERT INTO patientIdentifier (system, value, patientId) VALUES (?, ?, ?)")
        let consent = try db.makeStatement(sql: """
            INSERT INTO consent (id, patientId, status, scopeAssets, channels, periodStart, periodEnd, denies,
              withdrawnAt, createdAt, updatedAt, expiringDueAt, expiringRaisedAt, expiredDueAt, expiredRaisedAt)
            VALUES (?, ?, 'active', NULL, ?, ?, ?, '[]', NULL, ?, ?, ?, NULL, ?, NULL)
            """)
        let asset = try db.makeStatement(sql: """
            INSERT INTO asset (id, patientId, stream, state, bodySite, laterality, description, capturedAt, createdAt,
              updatedAt, releasedAt, studyInstanceUID, seriesInstanceUID, sopInstanceUID, contentType, tags,
              originalBlob, dicomBlob)
            VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, ?, ?, ?, 'image/jpeg', '[]', ?, ?)
            """)
        let photoConsent = try db.makeStatement(sql: """
            INSERT INTO consent (id, patientId, status, scopeAssets, channels, periodStart, periodEnd, denies,
              withdrawnAt, createdAt, updatedAt, expiringDueAt, expiringRaisedAt, expiredDueAt, expiredRaisedAt)
            VALUES (?, ?, 'active', ?, ?, ?, ?, '[]', NULL, ?, ?, ?, NULL, ?, NULL)
            """)
        let socialMedia = #"["social-media"]"#
        let genders = ["female", "male", "other", "unknown"]
        let channels = #"["website","print"]"#  // JSONColumn.encode([Channel.website, .print].map(\.rawValue))
        let leadHours = Int(leadTime / 3600)
        let span = 2 * 365 * 24 - leadHours - 24
        for p in patients {
            let id = BenchIDs.uuid(.patient, p)
            let h = SplitMix.mix(UInt64(p))
            let updated = hours[-Int(h % 2000)]
            patient.setUncheckedArguments([id, "Bench", #"["Pat"]"#, "19\(50 + Int(h % 50))-0\(1 + Int(h % 9))-1\(Int(h % 9))",
                                           genders[Int(h % 4)], updated])
            try patient.execute()
            let ident = layout.identifier(patient: p)
            identifier.setUncheckedArguments([ident.system, ident.value, id])
            try identifier.execute()
            // Active, website + print, started up to 3 years ago, ending over the next 2 years
            // (after the 30-day warning lead, so nothing is due now).
            let start = hours[-Int((h >> 8) % (3 * 365 * 24))]
            let endHour = leadHours + 24 + Int((h >> 20) % UInt64(span))
            consent.setUncheckedArguments([BenchIDs.uuid(.consent, p), id, channels, start, hours[endHour], start, start,
                                           hours[endHour - leadHours], hours[endHour]])
            try consent.execute()
        }
        var (lastPatient, patientID) = (-1, "")
        var photoConsents = 0
        for i in assets {
            let p = layout.patient(ofAsset: i)
            if p != lastPatient { (lastPatient, patientID) = (p, BenchIDs.uuid(.patient, p)) }
            let h = SplitMix.mix(UInt64(i) ^ 0xA55E7)
            let created = hours[-Int(h % (3 * 365 * 24))]
            // Study/series UIDs random per patient; SOP Instance UIDs (a UNIQUE index) ascend with i.
            let uid = "2.25.\(SplitMix.mix(UInt64(p)) >> 2)"
            asset.setUncheckedArguments([BenchIDs.uuid(.asset, i), patientID, layout.stream(i).rawValue,
                                         layout.state(i).rawValue, ["39937001", "7569003", "69536005", nil][Int(h % 4)],
                                         created, created, created, uid, "\(uid).1", "2.25.\(100_000_000_000 + i)",
                                         BenchIDs.blob(.originalBlob, i), BenchIDs.blob(.dicomBlob, i)])
            try asset.execute()
            // Each regular communication photo also has its own consent for social media
            // (scope: that photo), with its own period: 4 per patient, 1,000,002 consents in all.
            if i < layout.assets, layout.stream(i) == .communication {
                let start = hours[-Int((h >> 8) % (3 * 365 * 24))]
                let endHour = leadHours + 24 + Int((h >> 20) % UInt64(span))
                photoConsent.setUncheckedArguments([BenchIDs.uuid(.photoConsent, i), patientID,
                                                    "[\"\(BenchIDs.uuid(.asset, i))\"]", socialMedia,
                                                    start, hours[endHour], start, start, hours[endHour - leadHours],
                                                    hours[endHour]])
                try photoConsent.execute()
                photoConsents += 1
            }
        }
        return ["patient": patients.count, "patientIdentifier": patients.count, "consent": patients.count + photoConsents,
                "asset": assets.count]
    }

    /// The schema (`sqlite_master` without root pages), to check the fill left it as it was.
    func schema() async throws -> [String] {
        try await writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name
                """)
        }
    }

    /// Checks that a bulk-inserted consent row is exactly what `ConsentRepository.save` writes
    /// for the same consent (re-saved in a savepoint that is rolled back). Returns the columns
    /// that differ (empty when identical).
    func checkConsentRow(id: String) async throws -> [String] {
        try await writer.write { db in
            guard let before = try Row.fetchOne(db, sql: "SELECT * FROM consent WHERE id = ?", arguments: [id]),
                  let consent = try ConsentRepository.find(db, id: id)
            else { return ["row missing"] }
            var after: Row?
            try db.inSavepoint {
                try db.execute(sql: "DELETE FROM consent WHERE id = ?", arguments: [id])
                try ConsentRepository.save(db, consent, leadTime: self.leadTime)
                after = try Row.fetchOne(db, sql: "SELECT * FROM consent WHERE id = ?", arguments: [id])
                return .rollback
            }
            guard let after else { return ["not saved"] }
            return before.columnNames.filter { before[$0] as DatabaseValue != after[$0] as DatabaseValue }
        }
    }
}
