// MLLP benchmark: ADT A08 throughput and ACK latency over 8 connections (one outstanding
// message each) against the gateway with durable intake and against a no-op MLLP responder,
// in the same run; then death notices for patients with 1,000 photos. Prints figures;
// asserts nothing.
//
//   bench/run-mllp [MESSAGES_PER_ROUND=20000] [DEATH_NOTICES=40]
import Foundation

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
let messages = arguments.first.flatMap { $0 } ?? 20_000
let deaths = arguments.dropFirst().first.flatMap { $0 } ?? 40
do {
    try await MLLPBench.run(messagesPerRound: max(messages, 800), deathNotices: max(deaths, 1))
} catch {
    FileHandle.standardError.write(Data("mllp bench failed: \(error)\n".utf8))
    exit(1)
}
