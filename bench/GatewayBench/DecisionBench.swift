import Foundation
import Gateway
import Hummingbird
import PhotoGateCore
import Storage

/// Sections 2 and 3: publication decisions over random communication assets, in-process and
/// through `POST /api/decisions`.
enum DecisionBench {
    static let batchSize = 1_000

    /// `{"decisions":[{"asset":id,"channel":"website"}…]}` for `count` random assets.
    static func body(_ layout: BenchLayout, count: Int, _ rng: inout SplitMix) -> [UInt8] {
        var json = #"{"decisions":["#
        for k in 0..<count {
            if k > 0 { json += "," }
            json += #"{"asset":""# + BenchIDs.uuid(.asset, layout.randomCommunicationAsset(&rng)) + #"","channel":"website"}"#
        }
        return Array((json + "]}").utf8)
    }

    /// The same questions as the library type (it has no public initialiser: decoded from JSON).
    static func queries(_ layout: BenchLayout, count: Int, _ rng: inout SplitMix) throws -> [DecisionQuery] {
        struct Batch: Decodable { var decisions: [DecisionQuery] }
        return try JSONDecoder().decode(Batch.self, from: Data(body(layout, count: count, &rng))).decisions
    }

    static func inProcess(_ gateway: Gateway, _ layout: BenchLayout, _ report: Report) async throws {
        let section = "2. decisions in-process"
        let who = Principal(tokenID: "bench-communications", name: "bench-communications", role: .communications)
        var rng = SplitMix(seed: 2)
        let total = 100_000
        let batches = try (0..<total / batchSize).map { _ in try queries(layout, count: batchSize, &rng) }
        _ = try await gateway.decideBatch(try queries(layout, count: batchSize, &rng), by: who)  // warm-up

        let watch = Stopwatch()
        var allowed = 0
        for batch in batches {
            allowed += try await gateway.decideBatch(batch, by: who).filter(\.allowed).count
        }
        let seconds = watch.seconds
        report.add(section, "`gateway.decideBatch`, 100 × 1,000 random assets (store reads + decide + 1 audit commit per batch)",
                   Format.rate(Double(total) / seconds, "decisions/s"))
        report.note(String(format: "%.2f s for %d decisions, %.1f%% allowed; %.2f ms per batch of 1,000", seconds, total,
                           Double(allowed) * 100 / Double(total), seconds * 1000 / Double(batches.count)))

        // The same work split in two: loading the facts (what decideMany reads per asset) and
        // the pure policy on facts already in memory.
        let sample = 10_000
        let ids = (0..<sample).map { _ in BenchIDs.uuid(.asset, layout.randomCommunicationAsset(&rng)) }
        let loadWatch = Stopwatch()
        let facts = try await gateway.database.reader.read { db in
            try ids.map { id -> (Asset, Patient, [Consent]) in
                guard let asset = try AssetRepository.find(db, id: id)?.asset,
                      let patient = try PatientRepository.find(db, id: asset.patientID)
                else { throw BenchError("asset \(id) or its patient is missing") }
                return (asset, patient, try ConsentRepository.ofPatient(db, asset.patientID))
            }
        }
        let loadSeconds = loadWatch.seconds
        let now = Date()
        let policyWatch = Stopwatch()
        var policyAllowed = 0
        for k in 0..<total {
            let (asset, patient, consents) = facts[k % sample]
            if ConsentPolicy.decide(asset: asset, patient: patient, consents: consents, channel: .website, at: now).allowed {
                policyAllowed += 1
            }
        }
        let policySeconds = policyWatch.seconds
        report.add(section, "`ConsentPolicy.decide` alone, 100,000 calls on facts in memory",
                   Format.rate(Double(total) / policySeconds, "decisions/s"))
        report.add(section, "store reads per decision (asset + patient + identifiers + consents), 10,000 random assets",
                   Format.rate(Double(sample) / loadSeconds, "assets/s"))
        report.note(String(format: "%.1f µs to load one asset's facts, %.2f µs per decide call", loadSeconds * 1e6 / Double(sample),
                           policySeconds * 1e6 / Double(total)))
        try await Diagnostics.decisionReads(gateway, layout, report)
    }

    static func overHTTP(_ server: BenchServer, token: String, _ layout: BenchLayout, _ report: Report,
                         clients: Int = 4, duration: Double = 10) async throws {
        let section = "3. decisions over HTTP"
        var rng = SplitMix(seed: 3)
        // Bodies built before the clock starts, enough that no batch repeats in 10 s.
        let bodies = (0..<400).map { _ in body(layout, count: batchSize, &rng) }
        let (status, reply) = try await server.request("POST", "/api/decisions", token: token, contentType: "application/json",
                                                       body: body(layout, count: batchSize, &rng))
        struct Answer: Decodable { var allowed: Bool }
        struct Reply: Decodable { var decisions: [Answer] }
        guard status == 200, let decoded = try? JSONDecoder().decode(Reply.self, from: Data(reply.readableBytesView)),
              decoded.decisions.count == batchSize
        else { throw BenchError("POST /api/decisions answered \(status): \(String(buffer: reply).prefix(300))") }

        let watch = Stopwatch()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Double] = []
                    var next = client
                    while watch.seconds < duration {
                        let one = Stopwatch()
                        let (status, reply) = try await server.request("POST", "/api/decisions", token: token,
                                                                       contentType: "application/json",
                                                                       body: bodies[next % bodies.count])
                        guard status == 200 else { throw BenchError("POST /api/decisions answered \(status): \(String(buffer: reply).prefix(300))") }
                        latencies.append(one.ms)
                        next += clients
                    }
                    return latencies
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        let seconds = watch.seconds
        let decisions = latencies.count * batchSize
        report.add(section, "`POST /api/decisions`, batches of 1,000, \(clients) concurrent clients, \(Int(duration)) s",
                   Format.rate(Double(decisions) / seconds, "decisions/s"))
        report.add(section, "batch latency p50 / p99",
                   "\(Format.ms(Format.quantile(latencies, 0.5))) / \(Format.ms(Format.quantile(latencies, 0.99)))")
        report.note(String(format: "%d batches in %.2f s", latencies.count, seconds))
        Diagnostics.dateFormatting(report)
    }
}
