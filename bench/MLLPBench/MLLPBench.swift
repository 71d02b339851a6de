import Foundation
import Gateway

/// One run: the no-op responder and the durable gateway, alternately, on the same messages
/// and the same load generator; then death notices.
enum MLLPBench {
    static let connections = 8
    static let patients = 1_000

    /// An ADT message (original mode) for the patient with MRN `mrn`.
    static func adt(_ event: String, control: String, mrn: String, pidSuffix: String = "",
                    pv1: String = "PV1|1|I|WARD7^101^1") -> [UInt8] {
        let msh = "MSH|^~\\&|BENCH|HOSP|PHOTOGATE|HOSP|20261120101500||ADT^\(event)^ADT_A01|\(control)|P|2.5.1"
        let pid = "PID|1||\(mrn)^^^HOSPITAL^MR||Bench^Pat^Q||19800102|F|||Main Street 1^^Amsterdam^^1011AA^NL\(pidSuffix)"
        return Array([msh, "EVN|\(event)|20261120101500", pid, pv1].joined(separator: "\r").utf8) + [0x0D]
    }

    /// `PHOTOGATE_BENCH_DURABLE_ONLY=1` shrinks the no-op rounds to almost nothing, for profiling the durable path.
    static let durableOnly = ProcessInfo.processInfo.environment["PHOTOGATE_BENCH_DURABLE_ONLY"] == "1"

    static func run(messagesPerRound: Int, deathNotices: Int) async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
        say("mllp bench: \(connections) connections, one outstanding message each; \(Format.grouped(messagesPerRound)) "
            + "ADT A08 per round over \(Format.grouped(patients)) patients; \(cores) cores; load average at start \(load)")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("photogate-mllp-bench-\(getpid())").path
        try? FileManager.default.removeItem(atPath: work)
        defer { try? FileManager.default.removeItem(atPath: work) }

        let noop = try await NoopResponder.start()
        let gut = try await GatewayUnderTest.start(in: work)
        say("gateway data directory \(gut.dataDir) (SQLite WAL, synchronous = FULL)")
        do {
            // Register the patients (not timed), and warm both paths up.
            let register = try await LoadGenerator(port: gut.mllpPort, connections: connections)
                .run(total: patients) { adt("A04", control: "REG-\($0)", mrn: "MRN-\($0)") }
            guard register.bad == 0 else { throw BenchError("\(register.bad) registrations were not AA") }
            _ = try await LoadGenerator(port: noop.port, connections: connections).run(total: 2_000) { a08($0, round: -1) }

            let fsyncBefore = try FsyncProbe.measure(in: gut.dataDir)
            say("fsync probe (4 KiB written in place + fdatasync in the data directory): median \(Format.ms(fsyncBefore.median)), "
                + "p90 \(Format.ms(fsyncBefore.p90)) → at most \(Format.rate(Double(connections) / fsyncBefore.median * 1000)) "
                + "durable with \(connections) connections, one message outstanding each")
            var noopRounds: [LoadGenerator.Result] = []
            var durableRounds: [LoadGenerator.Result] = []
            var (commits, writes) = (0, 0)
            for round in 0..<3 {
                let n = try await LoadGenerator(port: noop.port, connections: connections)
                    .run(total: durableOnly ? 800 : messagesPerRound) { a08($0, round: round) }
                report("no-op responder, round \(round + 1)", n)
                noopRounds.append(n)
                let before = gut.gateway.writer.statistics
                let d = try await LoadGenerator(port: gut.mllpPort, connections: connections)
                    .run(total: messagesPerRound) { a08($0, round: round) }
                let after = gut.gateway.writer.statistics
                commits += after.commits - before.commits
                writes += after.writes - before.writes
                report("gateway, durable intake, round \(round + 1)", d)
                let writes = Double(after.writes - before.writes)
                say(String(format: "  %d commits (fsyncs), %.1f messages per commit; writer busy %.0f µs per message "
                    + "(%.0f µs in the writes, the rest committing)", after.commits - before.commits,
                           writes / Double(max(after.commits - before.commits, 1)),
                           Self.microseconds(after.committing - before.committing) / writes,
                           Self.microseconds(after.working - before.working) / writes))
                durableRounds.append(d)
            }
            let wal = (try? FileManager.default.attributesOfItem(atPath: gut.dataDir + "/photogate.sqlite-wal"))?[.size] as? Int ?? 0
            say("WAL \(Format.grouped(wal / 1024)) KiB after the rounds; \(await gut.gateway.database.checkpointer?.runs ?? 0) "
                + "background checkpoints")
            let fsyncAfter = try FsyncProbe.measure(in: gut.dataDir)
            say("fsync probe after the rounds: median \(Format.ms(fsyncAfter.median)), p90 \(Format.ms(fsyncAfter.p90))")
            let stored = try await gut.gateway.database.reader.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hl7Message WHERE status = 'processed' AND controlId LIKE 'A08-%'") ?? 0
            }
            let noopAll = combine(noopRounds), durableAll = combine(durableRounds)
            let commitsShare = Double(writes) / Double(max(commits, 1))
            say("")
            say("| | throughput | ACK p50 | ACK p99 | target |")
            say("| --- | --- | --- | --- | --- |")
            say("| no-op MLLP responder (parse + ACK, nothing stored) | \(Format.rate(noopAll.throughput)) | "
                + "\(Format.ms(noopAll.latencies.p50)) | \(Format.ms(noopAll.latencies.p99)) | |")
            say("| gateway, durable intake (stored, processed, fsynced before the ACK) | \(Format.rate(durableAll.throughput)) | "
                + "\(Format.ms(durableAll.latencies.p50)) | \(Format.ms(durableAll.latencies.p99)) | ≥ 5,000 msg/s |")
            say(String(format: "| durable / no-op | %.2f× | | | ≥ 0.5× |", durableAll.throughput / noopAll.throughput))
            let fsync = (fsyncBefore.median + fsyncAfter.median) / 2
            say("| bound set by the disk: \(connections) messages per fsync of \(Format.ms(fsync)) | "
                + "\(Format.rate(Double(connections) / fsync * 1000)) | | | |")
            say(String(format: "durable CPU %.0f µs/message (no-op %.0f); %.1f messages per commit",
                       durableAll.cpuPerMessageMicroseconds, noopAll.cpuPerMessageMicroseconds, commitsShare))
            say("check: \(Format.grouped(stored)) A08 stored and processed (sent \(Format.grouped(3 * messagesPerRound))); "
                + "\(durableAll.bad + noopAll.bad) ACKs other than AA")

            let deaths = try await DeathNoticeBench.run(gut, count: deathNotices)
            say("")
            say("death notice over MLLP (A03 expired / A08 PID-30=Y), patient with \(Format.grouped(DeathNoticeBench.photosPerPatient)) "
                + "active photos, \(deathNotices) notices: ACK p50 \(Format.ms(deaths.latencies.p50)), "
                + "p99 \(Format.ms(deaths.latencies.p99)), max \(Format.ms(deaths.latencies.max)) (target p99 < 50 ms)")
            say("check: \(Format.grouped(deaths.held)) of \(Format.grouped(deaths.expected)) photos now to-be-assessed")
        } catch {
            await gut.stop()
            await noop.stop()
            throw error
        }
        await gut.stop()
        await noop.stop()
        let loadEnd = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
            .joined(separator: " ") ?? "?"
        say("load average at end \(loadEnd)")
    }

    /// A08 number `n` of a round: an update of one of the registered patients.
    static func a08(_ n: Int, round: Int) -> [UInt8] {
        adt("A08", control: "A08-\(round)-\(n)", mrn: "MRN-\(n % patients)")
    }

    static func report(_ label: String, _ r: LoadGenerator.Result) {
        say("\(label): \(Format.rate(r.throughput)), ACK p50 \(Format.ms(r.latencies.p50)), p99 \(Format.ms(r.latencies.p99)), "
            + String(format: "CPU %.0f µs/message", r.cpuPerMessageMicroseconds)
            + (r.bad > 0 ? ", \(r.bad) not AA" : ""))
    }

    static func microseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
    }

    static func combine(_ rounds: [LoadGenerator.Result]) -> LoadGenerator.Result {
        var latencies = Latencies()
        for r in rounds { latencies.add(r.latencies) }
        return LoadGenerator.Result(messages: rounds.map(\.messages).reduce(0, +), seconds: rounds.map(\.seconds).reduce(0, +),
                                    latencies: latencies, bad: rounds.map(\.bad).reduce(0, +),
                                    cpuSeconds: rounds.map(\.cpuSeconds).reduce(0, +))
    }
}
