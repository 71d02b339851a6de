import Foundation
import HL7
import Logging
import MLLP

/// The baseline: the same MLLP listener, answering every message with an AA built by the same
/// acknowledger — parsed, acknowledged, nothing stored.
struct NoopResponder {
    let server: MLLPServer
    let task: Task<Void, any Error>
    var port: Int { server.port }

    static func start() async throws -> NoopResponder {
        let acknowledger = HL7Acknowledger()
        let server = try await MLLPServer(configuration: .init(port: 0), logger: Logger(label: "noop")) { bytes, _ in
            guard let message = try? HL7Message(parsing: bytes) else { return [] }
            let controlID = "NOOP" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let ack = acknowledger.acknowledgment(.application, to: message, outcome: .accepted, controlID: controlID,
                                                  at: Date())
            return [ack.encodedBytes()]
        }
        return NoopResponder(server: server, task: Task { try await server.run() })
    }

    func stop() async {
        await server.close()
        _ = await task.result
    }
}
