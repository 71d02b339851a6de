import Foundation
import GRDB
import Gateway
import Hummingbird
import PhotoGateCore
import Storage

/// Section 4: a death notice for a patient with 1,000 active assets — the whole transaction
/// (assets to `to-be-assessed` in one statement, one audit record and one `asset.review-required`
/// and one `asset.blocked` listing the assets, `patient.deceased`).
enum DeathBench {
    static func run(_ gateway: Gateway, _ server: BenchServer, integrationToken: String, _ layout: BenchLayout,
                    _ report: Report) async throws {
        let section = "4. death fan-out"
        let who = Principal(tokenID: "bench-integration", name: "bench-integration", role: .integration)
        let big = layout.identifier(patient: layout.bigPatient)
        let before = try await counts(gateway)
        let watch = Stopwatch()
        let (patient, _) = try await gateway.patchPatient(big, PatientPatch(deceased: true), by: who)
        let ms = watch.ms
        let after = try await counts(gateway)
        let held = try await gateway.database.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM asset WHERE patientId = ? AND state = 'to-be-assessed'",
                             arguments: [patient.id]) ?? 0
        }
        report.add(section, "`gateway.patchPatient(deceased: true)` in-process, 1,000 active assets", Format.ms(ms),
                   target: "< 50 ms")
        report.note("\(held) assets now to-be-assessed; \(after.events - before.events) events and "
            + "\(after.audit - before.audit) audit records in the one transaction")

        try await breakdown(gateway, layout, report)
        Diagnostics.auditPieces(report)

        let path = "/api/patients?identifier=\(BenchLayout.system)%7CBIG2"
        let httpWatch = Stopwatch()
        let (status, reply) = try await server.request("PATCH", path, token: integrationToken, contentType: "application/json",
                                                       body: Array(#"{"deceased":true}"#.utf8))
        let httpMs = httpWatch.ms
        guard status == 200 else { throw BenchError("PATCH \(path) answered \(status): \(reply.readableBytes) bytes") }
        report.add(section, "`PATCH /api/patients` {\"deceased\":true} over HTTP, another 1,000 active assets",
                   Format.ms(httpMs), target: "< 50 ms")
    }

    static func counts(_ gateway: Gateway) async throws -> (events: Int, audit: Int) {
        try await gateway.database.reader.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0)
        }
    }

    /// Where the time goes: the death workflow's steps for `urn:bench|BIG2`, timed one by one
    /// through the public repositories inside a savepoint that is rolled back (no commit).
    static func breakdown(_ gateway: Gateway, _ layout: BenchLayout, _ report: Report) async throws {
        let identifier = layout.identifier(patient: layout.big2Patient)
        let steps = try await gateway.database.writer.write { db -> [(String, Double)] in
            var steps: [(String, Double)] = []
            @discardableResult func step<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
                let watch = Stopwatch()
                let result = try work()
                steps.append((name, watch.ms))
                return result
            }
            try db.inSavepoint {
                let now = Date()
                let (patient, active, consents) = try step("load patient, active assets, consents") {
                    guard let patient = try PatientRepository.find(db, identifier: identifier) else {
                        throw BenchError("no patient \(identifier)")
                    }
                    return (patient, try AssetRepository.ofPatient(db, patient.id, state: .active),
                            try ConsentRepository.ofPatient(db, patient.id))
                }
                let viaPatientIndex = try step("(not in the sum: the same active assets read through the patientId index, "
                                               + "AssetRepository.ofPatient without state, filtered in Swift)") {
                    try AssetRepository.ofPatient(db, patient.id).filter { $0.state == .active }.count
                }
                guard viaPatientIndex == active.count else { throw BenchError("index check: \(viaPatientIndex) ≠ \(active.count)") }
                var dead = patient
                dead.deceased = true
                dead.deceasedRecordedAt = now
                let held = AssetTransitions.onPatientDeceased(assets: active, at: now)
                try step("AssetRepository.setState (\(held.count) rows, one statement)") {
                    try AssetRepository.setState(db, patientID: patient.id, from: .active, to: .toBeAssessed, at: now)
                }
                try step("AuditLog.append naming \(held.count) assets") {
                    try AuditLog.append(db, AuditEntry(at: now, actor: "bench-integration", role: "integration",
                                                       action: "asset.state", patientID: patient.id, outcome: "success",
                                                       detail: ["from": "active", "to": "to-be-assessed",
                                                                "cause": "patient-deceased", "count": String(held.count)]),
                                        assets: held.map(\.id))
                }
                let blocked = step("\(active.count * Channel.standard.count * 2) × ConsentPolicy.decide (before/after)") {
                    active.map { asset in
                        Channel.standard.filter { channel in
                            ConsentPolicy.decide(asset: asset, patient: patient, consents: consents, channel: channel,
                                                 at: now).allowed
                                && !ConsentPolicy.decide(asset: asset, patient: dead, consents: consents, channel: channel,
                                                         at: now).allowed
                        }
                    }
                }
                try step("2 × EventOutbox.append listing \(held.count) assets") {
                    try EventOutbox.append(db, GatewayEvent(id: UUID().uuidString.lowercased(), type: .assetReviewRequired,
                                                            occurredAt: now, patientID: patient.id,
                                                            payload: ["assets": .array(held.map { .string($0.id) }),
                                                                      "reason": "patient-deceased"]))
                    let entries: [JSONValue] = zip(held, blocked).map { asset, channels in
                        .object(["asset": .string(asset.id), "channels": .array(channels.map { .string($0.rawValue) }),
                                 "reasons": ["asset-under-review", "patient-deceased"]])
                    }
                    try EventOutbox.append(db, GatewayEvent(id: UUID().uuidString.lowercased(), type: .assetBlocked,
                                                            occurredAt: now, patientID: patient.id,
                                                            payload: ["assets": .array(entries), "cause": "patient-deceased"]))
                }
                return .rollback
            }
            return steps
        }
        let total = steps.filter { !$0.0.contains("not in the sum") }.reduce(0) { $0 + $1.1 }
        report.note("breakdown (the same steps for urn:bench|BIG2 through the public repositories, rolled back, no commit): "
            + steps.map { "\($0.0) \(Format.ms($0.1))" }.joined(separator: "; ") + "; sum \(Format.ms(total))")
    }
}
