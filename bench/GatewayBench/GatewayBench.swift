import Foundation
import GRDB
import Gateway
import PhotoGateCore
import Storage

/// One run of every section on a fresh data directory (removed at the end).
enum GatewayBench {
    static func run(assets: Int) async throws {
        let wall = Stopwatch()
        let report = Report()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("photogate-gateway-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: work)
        defer { try? FileManager.default.removeItem(atPath: work) }

        var config = GatewayConfig()
        config.dataDir = "\(work)/data"
        config.httpPort = try BenchServer.freePort()
        config.mllpPort = 0
        config.dicomPort = 0
        config.schedulerIntervalSeconds = 365 * 86_400  // one tick at start only: section 5 ticks by hand
        var keyBytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in keyBytes.indices { keyBytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let clock = MovableClock()
        let gateway = try Gateway(config: config, environment: ["PHOTOGATE_MASTER_KEY": Data(keyBytes).base64EncodedString()],
                                  clock: { clock.now })
        let layout = BenchLayout(assets: assets)
        say("gateway bench: \(Format.grouped(assets)) assets over \(Format.grouped(layout.patients)) patients, "
            + "data directory \(config.dataDir), \(ProcessInfo.processInfo.activeProcessorCount) cores")

        try await setUp(gateway, layout, report)
        try await DecisionBench.inProcess(gateway, layout, report)

        let server = try await BenchServer.start(gateway)
        do {
            let tokens = try await gateway.database.writer.write { db in
                (communications: try TokenStore.create(db, name: "bench-communications", role: .communications, at: Date()).token,
                 integration: try TokenStore.create(db, name: "bench-integration", role: .integration, at: Date()).token,
                 uploader: try TokenStore.create(db, name: "bench-uploader", role: .uploader, at: Date()).token)
            }
            try await DecisionBench.overHTTP(server, token: tokens.communications, layout, report)
            try await DeathBench.run(gateway, server, integrationToken: tokens.integration, layout, report)
            try await ExpiryBench.run(gateway, clock, report)
            try await UploadBench.run(server, token: tokens.uploader, layout, dataDir: config.dataDir, report)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()

        say("\n" + report.markdown + "\n")
        say(String(format: "whole run: %.1f s", wall.seconds))
    }

    /// Section 1: the store, filled in bulk, checked, and its query plans.
    static func setUp(_ gateway: Gateway, _ layout: BenchLayout, _ report: Report) async throws {
        let section = "1. store set-up"
        let filler = StoreFiller(layout: layout, writer: gateway.database.writer, now: Date(),
                                 leadTime: gateway.config.expiryLeadDays * 86_400)
        let schemaBefore = try await filler.schema()
        let watch = Stopwatch()
        let counts = try await filler.fill()
        let seconds = watch.seconds
        let schemaSame = try await filler.schema() == schemaBefore
        let rows = counts.values.reduce(0, +)
        report.add(section, "bulk fill: \(Format.grouped(counts["asset"] ?? 0)) assets, \(Format.grouped(counts["patient"] ?? 0)) patients "
            + "(+ identifiers), \(Format.grouped(counts["consent"] ?? 0)) consents",
                   String(format: "%.1f s", seconds))
        report.note(String(format: "%@ rows/s in transactions of %d patients; database %@ MB", Format.grouped(Int(Double(rows) / seconds)),
                           StoreFiller.patientsPerTransaction, Format.grouped(databaseMB(gateway.config.databasePath))))

        report.note(schemaSame ? "check: the schema (sqlite_master) is the one the migrations made"
            : "WARNING: the schema changed during the fill")
        for (what, id) in [("patient", BenchIDs.uuid(.consent, 0)), ("photo", BenchIDs.uuid(.photoConsent, 0))] {
            let mismatched = try await filler.checkConsentRow(id: id)
            report.note(mismatched.isEmpty
                ? "check: a bulk-inserted \(what) consent row is identical to what ConsentRepository.save writes"
                : "WARNING: bulk \(what) consent row differs from ConsentRepository.save in \(mismatched.joined(separator: ", "))")
        }

        let plans = try await QueryPlans.capture(gateway.database.writer, layout)
        report.note("query plans on the measured paths:")
        for line in plans.lines { report.note("  \(line)") }
        for line in plans.flagged { report.note("CHECK PLAN: \(line)") }
    }

    static func databaseMB(_ path: String) -> Int {
        let size = ["", "-wal"].compactMap { suffix in
            (try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? Int
        }.reduce(0, +)
        return size / 1_000_000
    }
}
