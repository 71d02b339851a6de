import Foundation
import TestSupport
import Testing

/// Many senders at once on the real listener of `photogate serve`, over real sockets.
struct MLLPConcurrencyTests {
    static let connections = 32
    static let messagesPerConnection = 25
    static let events = ["A01", "A04", "A08", "A28", "A31"]

    /// What one sender saw.
    struct Sent: Sendable {
        var acks: [String: String] = [:]   // control ID → ACK as received
        var problems: [String] = []
    }

    @Test func manyConcurrentSendersAllGetTheirACKAndEachMessageIsStoredOnce() async throws {
        // Given a running gateway
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        let port = server.mllpPort

        // When 32 connections send 25 ADT messages each, one outstanding per connection, then
        // retransmit their first one — while 4 other connections send noise and broken frames
        let good = Self.connections
        let results = await Threads.run(good + 4) { index -> Sent in
            index < good ? Self.send(connection: index, port: port) : Self.misbehave(index - good, port: port)
        }

        // Then every message got AA echoing its control ID, the retransmission its original ACK …
        let problems = results.flatMap(\.problems)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        var acks: [String: String] = [:]
        for sent in results { acks.merge(sent.acks) { first, _ in first } }
        #expect(acks.count == Self.connections * Self.messagesPerConnection)

        // … and the store holds each control ID exactly once, processed, with the ACK that was sent
        let rows = try LiveHL7.storedMessages(dataDir: server.dataDir).filter { $0.controlId.hasPrefix("LIVE-") }
        let byID = Dictionary(grouping: rows, by: \.controlId)
        #expect(rows.count == acks.count)
        #expect(byID.values.allSatisfy { $0.count == 1 })
        for (control, ack) in acks {
            let row = byID[control]?.first
            #expect(row?.status == "processed", "\(control)")
            #expect(row?.ack.replacingOccurrences(of: "\r", with: "") == ack.replacingOccurrences(of: "\r", with: ""), "\(control)")
        }
        // … each processed once: one patient write per message
        let writes = try LiveHL7.patientWrites(dataDir: server.dataDir)
        #expect(writes.values.reduce(0, +) == acks.count)
    }

    @Test func messagesWrittenWithoutWaitingAreAnsweredInOrder() async throws {
        // Given a running gateway
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        let port = server.mllpPort
        // When a sender writes five messages in one go, before reading any answer
        let answers = await Threads.run(1) { _ in
            Result { () throws -> [String?] in
                let client = try MLLPTestClient(port: port)
                try client.sendRaw((0..<5).flatMap { MLLPTestClient.frame(LiveHL7.adt("A08", control: "PIPE-\($0)", mrn: "P-\($0)")) })
                return try (0..<5).map { _ in try client.receiveFrame().map { LiveHL7.Ack($0).controlID } ?? nil }
            }
        }[0]
        // Then each is answered, in the order sent
        #expect(try answers.get() == (0..<5).map { "PIPE-\($0)" })
    }

    /// One well-behaved sender: messages for four patients of its own, then a retransmission.
    static func send(connection: Int, port: Int) -> Sent {
        var sent = Sent()
        do {
            let client = try MLLPTestClient(port: port)
            var first: (message: [UInt8], ack: [UInt8])?
            for n in 0..<messagesPerConnection {
                let control = "LIVE-\(connection)-\(n)"
                let message = LiveHL7.adt(events[n % events.count], control: control, mrn: "L\(connection)-\(n % 4)",
                                          family: "Family\(n)")
                guard let answer = try client.exchange(message) else {
                    sent.problems.append("\(control): connection closed")
                    return sent
                }
                let ack = LiveHL7.Ack(answer)
                if ack.code != "AA" || ack.controlID != control { sent.problems.append("\(control): \(ack)") }
                sent.acks[control] = String(decoding: answer, as: UTF8.self)
                if first == nil { first = (message, answer) }
            }
            if let first {
                let again = try client.exchange(first.message)
                if again != first.ack { sent.problems.append("connection \(connection): retransmission got another ACK") }
            }
        } catch {
            sent.problems.append("connection \(connection): \(error)")
        }
        return sent
    }

    /// A sender that breaks the framing: its connection is closed, nobody else's.
    static func misbehave(_ kind: Int, port: Int) -> Sent {
        var sent = Sent()
        do {
            let client = try MLLPTestClient(port: port)
            switch kind % 2 {
            case 0: try client.sendRaw(Array((0..<4096).map { UInt8($0 % 251) }.filter { $0 != 0x0B }))
            default: try client.sendRaw([0x0B] + Array("MSH|^~\\&|X|Y".utf8) + [0x1C, 0x41])
            }
            if try !client.waitForClose() { sent.problems.append("noisy connection \(kind) was not closed") }
        } catch MLLPTestClient.Failure.send {
            // the listener closed the connection while the noise was still being sent
        } catch {
            sent.problems.append("noisy connection \(kind): \(error)")
        }
        return sent
    }
}
