import Foundation
import GRDB
import PhotoGateCore
import Storage

/// The SQLite query plans of the statements on the measured paths, captured from the
/// repositories themselves (traced inside a savepoint that is rolled back), so a path that
/// scans a table instead of using an index shows up by name.
enum QueryPlans {
    private final class Trace {
        var statements: [(label: String, sql: String)] = []
        var label = ""
    }

    /// Returns one line per distinct statement: its label, SQL and plan; `flagged` lists the
    /// statements to look at: a plan that scans a table or index, or that searches assets
    /// through the low-selectivity `state` index.
    static func capture(_ writer: any DatabaseWriter, _ layout: BenchLayout) async throws -> (lines: [String], flagged: [String]) {
        try await writer.write { db in
            let trace = Trace()
            db.trace(options: .statement) { event in
                if case let .statement(statement) = event { trace.statements.append((trace.label, statement.expandedSQL)) }
            }
            try db.inSavepoint {
                let now = Date()
                let assetID = BenchIDs.uuid(.asset, 1)
                trace.label = "decision: asset"
                guard let asset = try AssetRepository.find(db, id: assetID)?.asset else { throw BenchError("no asset \(assetID)") }
                trace.label = "decision: patient"
                guard let patient = try PatientRepository.find(db, id: asset.patientID) else { throw BenchError("no patient") }
                trace.label = "decision: consents"
                _ = try ConsentRepository.ofPatient(db, patient.id)
                trace.label = "auth: token"
                _ = try TokenStore.principal(db, hash: TokenStore.hash("pg_not-a-token"))
                trace.label = "death: patient by identifier"
                _ = try PatientRepository.find(db, identifier: layout.identifier(patient: layout.big2Patient))
                trace.label = "death: active assets of patient"
                let active = try AssetRepository.ofPatient(db, patient.id, state: .active)
                trace.label = "death: asset update"
                if let first = active.first { try AssetRepository.updateState(db, first) }
                trace.label = "audit append"
                try AuditLog.append(db, AuditEntry(at: now, actor: "bench", role: "integration", action: "bench", outcome: "success"))
                trace.label = "event append"
                try EventOutbox.append(db, GatewayEvent(id: UUID().uuidString, type: .assetBlocked, occurredAt: now))
                trace.label = "expiry: due expiring"
                _ = try ConsentRepository.dueExpiring(db, now: now, limit: 500)
                trace.label = "expiry: due expired"
                _ = try ConsentRepository.dueExpired(db, now: now, limit: 500)
                trace.label = "expiry: assets of patient"
                _ = try AssetRepository.ofPatient(db, patient.id)
                trace.label = "expiry: take-down list"
                _ = try UsageRepository.ofAssets(db, active.prefix(5).map(\.id))
                return .rollback
            }
            db.trace(options: .statement, nil)

            var seen = Set<String>()
            var lines: [String] = []
            var flagged: [String] = []
            for (label, sql) in trace.statements {
                let verb = sql.prefix(6).uppercased()
                guard ["SELECT", "INSERT", "UPDATE", "DELETE"].contains(verb), seen.insert(label + sql).inserted else { continue }
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String? ?? "" }
                let shown = plan.isEmpty ? "(no table access)" : plan.joined(separator: "; ")
                lines.append("\(label): \(shown)   ← \(sql.count > 140 ? String(sql.prefix(140)) + "…" : sql)")
                // A reverse rowid scan for `ORDER BY seq DESC LIMIT 1` reads one row: not a problem.
                let scans = plan.contains { $0.hasPrefix("SCAN") } && !sql.hasSuffix("LIMIT 1")
                if scans || plan.contains(where: { $0.contains("asset_on_state") }) { flagged.append("\(label): \(shown)") }
            }
            // What the planner would pick for the death query with statistics (ANALYZE, rolled back).
            var analyzed = ""
            try db.inSavepoint {
                try db.execute(sql: "ANALYZE asset")
                analyzed = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM asset WHERE patientId = ? AND state = ?",
                                            arguments: ["x", "active"]).map { $0["detail"] as String? ?? "" }.joined(separator: "; ")
                return .rollback
            }
            lines.append("death: active assets of patient, if the database had ANALYZE statistics: \(analyzed)")
            return (lines, flagged)
        }
    }
}
