import Foundation
import TestSupport
import Testing

/// Nothing acknowledged is lost: `photogate serve` is killed (SIGKILL) in the middle of a burst
/// of ADT messages, restarted on the same data directory, and the senders retransmit what they
/// got no ACK for — as an integration engine does.
struct MLLPCrashSafetyTests {
    static let total = 10_000
    static let connections = 8

    /// What one connection saw before the crash.
    struct Burst: Sendable {
        var acked: [Int: [UInt8]] = [:]
        var problems: [String] = []
    }

    static func control(_ n: Int) -> String { "CRASH-\(n)" }

    /// Message `n` registers its own patient (A04), so a message processed twice shows as a
    /// second write to that patient.
    static func message(_ n: Int) -> [UInt8] { LiveHL7.adt("A04", control: control(n), mrn: "CR-\(n)") }

    @Test func everyAcknowledgedMessageSurvivesASIGKILLAndRetransmissionsAreProcessedOnce() async throws {
        // Given a running gateway
        let dataDir = try Fixtures.scratchDirectory() + "/data"
        let first = try ServerProcess(dataDir: dataDir)
        defer { first.crash() }
        let port = first.mllpPort

        // When 8 connections send 10,000 messages, one outstanding each, and the server is
        // SIGKILLed once half of them are acknowledged
        let acknowledged = Locked(0)
        let bursts = await Threads.run(Self.connections) { connection -> Burst in
            var burst = Burst()
            guard let client = try? MLLPTestClient(port: port) else {
                burst.problems.append("connection \(connection) could not connect")
                return burst
            }
            for n in stride(from: connection, to: Self.total, by: Self.connections) {
                guard let answer = try? client.exchange(Self.message(n)) else { break }  // the server is gone
                let ack = LiveHL7.Ack(answer)
                guard ack.code == "AA", ack.controlID == Self.control(n) else {
                    burst.problems.append("\(Self.control(n)): \(ack)")
                    continue
                }
                burst.acked[n] = answer
                if acknowledged.withLock({ $0 += 1; return $0 }) == Self.total / 2 { first.crash() }
            }
            return burst
        }
        #expect(bursts.flatMap(\.problems).isEmpty, "\(bursts.flatMap(\.problems).prefix(5))")
        let acked = bursts.reduce(into: [Int: [UInt8]]()) { all, burst in all.merge(burst.acked) { a, _ in a } }
        #expect(!first.process.isRunning && first.process.terminationReason == .uncaughtSignal)
        #expect(acked.count >= Self.total / 2 && acked.count < Self.total)

        // Then after a restart on the same data directory, every acknowledged control ID is
        // stored once, processed, with the ACK that was sent, and was processed exactly once
        let second = try ServerProcess(dataDir: dataDir)
        defer { second.stop() }
        let stored = Dictionary(grouping: try LiveHL7.storedMessages(dataDir: dataDir), by: \.controlId)
        let writes = try LiveHL7.patientWrites(dataDir: dataDir)
        var lost: [String] = []
        for (n, ack) in acked {
            guard let rows = stored[Self.control(n)], rows.count == 1, rows[0].status == "processed",
                  Array(rows[0].ack.utf8) == ack, writes[rows[0].patientId ?? ""] == 1
            else { lost.append(Self.control(n)); continue }
        }
        #expect(lost.isEmpty, "\(lost.count) acknowledged messages missing or not processed once: \(lost.prefix(5))")

        // When the senders retransmit every message they got no ACK for, and a sample of the
        // acknowledged ones (an engine unsure whether its ACK arrived)
        let unacked = (0..<Self.total).filter { acked[$0] == nil }
        let sample = acked.keys.sorted().enumerated().filter { $0.offset % 50 == 0 }.map(\.element)
        let port2 = second.mllpPort
        let resent = await Threads.run(Self.connections) { connection -> [String] in
            var problems: [String] = []
            do {
                let client = try MLLPTestClient(port: port2)
                for n in unacked.enumerated().filter({ $0.offset % Self.connections == connection }).map(\.element) {
                    let ack = try client.exchange(Self.message(n)).map(LiveHL7.Ack.init)
                    if ack?.code != "AA" || ack?.controlID != Self.control(n) {
                        problems.append("\(Self.control(n)): \(ack.map(\.description) ?? "no answer")")
                    }
                }
                for n in sample.enumerated().filter({ $0.offset % Self.connections == connection }).map(\.element) {
                    if try client.exchange(Self.message(n)) != acked[n] {
                        problems.append("\(Self.control(n)): retransmission got another ACK than the original")
                    }
                }
            } catch {
                problems.append("connection \(connection): \(error)")
            }
            return problems
        }
        #expect(resent.joined().isEmpty, "\(resent.joined().prefix(5))")

        // Then all 10,000 are stored exactly once and processed exactly once, and the audit
        // trail is intact
        let rows = try LiveHL7.storedMessages(dataDir: dataDir).filter { $0.controlId.hasPrefix("CRASH-") }
        #expect(rows.count == Self.total)
        #expect(Set(rows.map(\.controlId)).count == Self.total)
        #expect(rows.allSatisfy { $0.status == "processed" })
        let finalWrites = try LiveHL7.patientWrites(dataDir: dataDir)
        #expect(finalWrites.count == Self.total && finalWrites.values.allSatisfy { $0 == 1 })
        let verify = try Tool.run(Tool.photogate, ["audit", "verify", "--data-dir", dataDir])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }
}
