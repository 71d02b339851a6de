import Foundation
import GRDB
import Gateway
import Storage

/// Measurements that explain the figures: the hot paths taken apart, and replicas of small
/// pieces of the gateway's code timed alone next to a cheaper way of doing the same.
enum Diagnostics {
    /// The store reads of one decision, repository by repository, then the same four queries
    /// as plain rows through cached prepared statements and through statements compiled each
    /// time. The gap between the last two is GRDB's statement preparation (SQL generation
    /// and the authorizer that computes each statement's observed region).
    static func decisionReads(_ gateway: Gateway, _ layout: BenchLayout, _ report: Report) async throws {
        var rng = SplitMix(seed: 12)
        let ids = (0..<5_000).map { _ in BenchIDs.uuid(.asset, layout.randomCommunicationAsset(&rng)) }
        let steps = try await gateway.database.reader.read { db -> [(String, Double)] in
            var steps: [(String, Double)] = []
            func perAsset(_ name: String, _ work: () throws -> Void) rethrows {
                let watch = Stopwatch()
                try work()
                steps.append((name, watch.ms * 1000 / Double(ids.count)))
            }
            var patients: [String] = []
            try perAsset("AssetRepository.find") {
                for id in ids { patients.append(try AssetRepository.find(db, id: id)?.asset.patientID ?? "") }
            }
            try perAsset("PatientRepository.find (+ identifiers)") {
                for p in patients { _ = try PatientRepository.find(db, id: p) }
            }
            try perAsset("ConsentRepository.ofPatient") {
                for p in patients { _ = try ConsentRepository.ofPatient(db, p) }
            }
            let sql = ["SELECT * FROM asset WHERE id = ?", "SELECT * FROM patient WHERE id = ?",
                       "SELECT * FROM patientIdentifier WHERE patientId = ? ORDER BY system, value",
                       "SELECT * FROM consent WHERE patientId = ? ORDER BY createdAt, id"]
            try perAsset("the same 4 queries, cached statements, raw rows") {
                let statements = try sql.map { try db.cachedStatement(sql: $0) }
                for (id, p) in zip(ids, patients) {
                    _ = try Row.fetchOne(statements[0], arguments: [id])
                    _ = try Row.fetchOne(statements[1], arguments: [p])
                    _ = try Row.fetchAll(statements[2], arguments: [p])
                    _ = try Row.fetchAll(statements[3], arguments: [p])
                }
            }
            try perAsset("the same 4 queries, statements prepared each time, raw rows") {
                for (id, p) in zip(ids, patients) {
                    _ = try Row.fetchOne(db, sql: sql[0], arguments: [id])
                    _ = try Row.fetchOne(db, sql: sql[1], arguments: [p])
                    _ = try Row.fetchAll(db, sql: sql[2], arguments: [p])
                    _ = try Row.fetchAll(db, sql: sql[3], arguments: [p])
                }
            }
            return steps
        }
        report.note("per asset, 5,000 random assets: " + steps.map { String(format: "%@ %.1f µs", $0.0, $0.1) }
            .joined(separator: "; "))
    }

    /// `JSON.iso8601` (Sources/Gateway/HTTP/APIError.swift) makes a new `ISO8601DateFormatter`
    /// for every date; a decision response has one date per decision.
    static func dateFormatting(_ report: Report) {
        let dates = (0..<1_000).map { Date(timeIntervalSince1970: 1.8e9 + Double($0) * 61.5) }
        let perCall = Stopwatch()
        for date in dates {
            let f = ISO8601DateFormatter()
            f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            _ = f.string(from: date)
        }
        let perCallMs = perCall.ms
        let shared = ISO8601DateFormatter()
        shared.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let once = Stopwatch()
        for date in dates { _ = shared.string(from: date) }
        report.note(String(format: "1,000 response dates as JSON.iso8601 formats them (new ISO8601DateFormatter each): %.1f ms; "
            + "one shared formatter: %.1f ms", perCallMs, once.ms))
    }

    /// The audit hash's hex encoding (`String(format: "%02x")` per byte, Sources/Storage/AuditLog.swift)
    /// and a JSON column encoded with a new `JSONEncoder` per value (Sources/Storage/Records/JSONColumn.swift),
    /// each 1,000 times, next to a cheaper equivalent.
    static func auditPieces(_ report: Report) {
        let digest = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let formatWatch = Stopwatch()
        for _ in 0..<1_000 { _ = digest.map { String(format: "%02x", $0) }.joined() }
        let formatMs = formatWatch.ms
        let table = Array("0123456789abcdef".utf8)
        let tableWatch = Stopwatch()
        for _ in 0..<1_000 {
            var out = [UInt8]()
            out.reserveCapacity(64)
            for b in digest { out.append(table[Int(b >> 4)]); out.append(table[Int(b & 0xF)]) }
            _ = String(decoding: out, as: UTF8.self)
        }
        let tableMs = tableWatch.ms
        let detail = ["from": "active", "to": "to-be-assessed", "cause": "patient-deceased"]
        let newWatch = Stopwatch()
        for _ in 0..<1_000 {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            _ = try? encoder.encode(detail)
        }
        let newMs = newWatch.ms
        let shared = JSONEncoder()
        shared.outputFormatting = [.sortedKeys]
        let sharedWatch = Stopwatch()
        for _ in 0..<1_000 { _ = try? shared.encode(detail) }
        report.note(String(format: "1,000 audit hashes to hex with String(format: \"%%02x\") per byte: %.1f ms (a lookup table: %.2f ms); "
            + "1,000 small JSON columns with a new JSONEncoder each: %.1f ms (one encoder: %.1f ms)",
                           formatMs, tableMs, newMs, sharedWatch.ms))
    }
}
