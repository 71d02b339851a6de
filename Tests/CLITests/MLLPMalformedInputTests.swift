import Foundation
import TestSupport
import Testing

/// Broken input on the live listener of `photogate serve`: each gets the standard answer (a
/// NAK with the Table 0357 condition and where it was found, or a closed connection when the
/// MLLP framing itself is broken), and the listener keeps serving.
struct MLLPMalformedInputTests {
    @Test func everyMalformedInputGetsItsStandardAnswerAndTheListenerKeepsServing() async throws {
        #expect(MalformedHL7Input.all.count >= 30)
        // Given a running gateway that knows two patients (for the duplicate-identifier case)
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        let port = server.mllpPort
        let setUp = await Threads.run(1) { _ in
            Result { () throws -> [String?] in
                let client = try MLLPTestClient(port: port)
                return try ["DUP-A", "DUP-B"].map { mrn in
                    try client.exchange(LiveHL7.adt("A08", control: "SETUP-\(mrn)", mrn: mrn)).map { LiveHL7.Ack($0).code } ?? nil
                }
            }
        }[0]
        #expect(try setUp.get() == ["AA", "AA"])

        // When each input is sent on its own connection, one after the other
        let failures = await Threads.run(1) { _ in
            MalformedHL7Input.all.enumerated().flatMap { n, input in Self.check(input, number: n, port: port) }
                + MalformedHL7Input.tolerated.enumerated().flatMap { n, input in
                    Self.checkTolerated(input.name, input.bytes, number: n, port: port)
                }
        }[0]

        // Then each got its answer, and another connection got AA right after it
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The problems with how `input` was answered (empty when all is right).
    static func check(_ input: MalformedHL7Input, number: Int, port: Int) -> [String] {
        var problems: [String] = []
        do {
            let client = try MLLPTestClient(port: port)
            do { try client.sendRaw(input.bytes) } catch MLLPTestClient.Failure.send {
                // the listener may close while an over-long frame or noise is still being sent
            }
            if input.halfClose { client.shutdownWrite() }
            switch input.answer {
            case .close:
                if try !client.waitForClose() { problems.append("\(input.name): answered instead of closing") }
            case .acks(let expected):
                for want in expected {
                    guard let frame = try client.receiveFrame() else {
                        problems.append("\(input.name): connection closed, expected \(want.code)")
                        break
                    }
                    let ack = LiveHL7.Ack(frame)
                    if ack.messageType != "ACK" || ack.code != want.code || ack.condition != want.condition
                        || (want.location != nil && ack.location != want.location)
                    {
                        problems.append("\(input.name): expected \(want.code) \(want.condition ?? "-") at "
                            + "\(want.location ?? "-"), got \(ack)")
                    }
                }
                // the same connection goes on: the next answer is the next message's (no extra ACK queued)
                let next = "NEXT-\(number)"
                let answer = try client.exchange(LiveHL7.adt("A08", control: next, mrn: "OK-\(number)")).map(LiveHL7.Ack.init)
                if answer?.code != "AA" || answer?.controlID != next {
                    problems.append("\(input.name): the same connection then answered \(answer.map(\.description) ?? "nothing")")
                }
            }
        } catch {
            problems.append("\(input.name): \(error)")
        }
        problems += stillServing(after: input.name, number: number, port: port)
        return problems
    }

    static func checkTolerated(_ name: String, _ bytes: [UInt8], number: Int, port: Int) -> [String] {
        var problems: [String] = []
        do {
            let client = try MLLPTestClient(port: port)
            try client.sendRaw(bytes)
            let ack = try client.receiveFrame().map(LiveHL7.Ack.init)
            if ack?.code != "AA" || ack?.controlID != String(format: "T%02d", number + 1) {
                problems.append("\(name): expected AA, got \(ack.map(\.description) ?? "nothing")")
            }
        } catch {
            problems.append("\(name): \(error)")
        }
        return problems
    }

    /// A fresh connection is served with AA.
    static func stillServing(after name: String, number: Int, port: Int) -> [String] {
        do {
            let client = try MLLPTestClient(port: port)
            let control = "AFTER-\(number)"
            let ack = try client.exchange(LiveHL7.adt("A08", control: control, mrn: "OK-\(number)")).map(LiveHL7.Ack.init)
            return ack?.code == "AA" && ack?.controlID == control ? [] : ["after \(name): \(ack.map(\.description) ?? "no answer")"]
        } catch {
            return ["after \(name): \(error)"]
        }
    }
}
