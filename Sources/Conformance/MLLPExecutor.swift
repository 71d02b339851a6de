import HL7
import MLLP
import NIOCore
import NIOPosix

/// Sends HL7 v2 messages over MLLP (a fresh connection per step) and collects the
/// acknowledgments (MLLP release 2: `<VT>` message `<FS><CR>`).
struct MLLPExecutor: Sendable {
    let endpoint: RunConfiguration.Endpoint
    let connectTimeoutSeconds: Int64
    let responseTimeoutSeconds: Int64

    func execute(_ step: HL7Step, variables: Variables) async throws -> Observation {
        let message = try variables.substitute(step.message)
        var observation = Observation()
        observation.request = "MLLP \(endpoint) (\(step.source))\n\n" + Transcript.clip(Self.readable(message))
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(connectTimeoutSeconds))
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(MLLPFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(MLLPFrameEncoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ConformanceError.network(error, connecting: "MLLP \(endpoint)")
        }
        let wanted = step.acks
        let frames: [String]
        do {
            frames = try await channel.executeThenClose { inbound, outbound in
                try await outbound.write(ByteBuffer(string: message))
                return try await Self.collect(inbound, wanted: wanted, seconds: wanted == 0 ? 2 : responseTimeoutSeconds)
            }
        } catch {
            throw ConformanceError.network(error, connecting: "MLLP \(endpoint)")
        }
        observation.acks = frames.map { try? HL7Message(parsing: $0) }
        observation.response = frames.isEmpty ? "(no acknowledgment)"
            : frames.enumerated().map { "ACK #\($0.offset + 1)\n" + Self.readable($0.element) }.joined(separator: "\n\n")
        if frames.count < wanted {
            observation.response += "\n\n(\(wanted) acknowledgment(s) expected, \(frames.count) arrived within \(responseTimeoutSeconds) s)"
        }
        return observation
    }

    /// Frames until `wanted` arrived, the peer closed, or the time is up.
    private static func collect(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, wanted: Int, seconds: Int64) async throws -> [String] {
        let box = FrameBox()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await var frame in inbound {
                        await box.append(frame.readString(length: frame.readableBytes) ?? "")
                        if await box.count >= wanted, wanted > 0 { return }
                    }
                } catch {}
            }
            group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
            await group.next()
            group.cancelAll()
        }
        return await box.frames
    }

    /// Segments on their own lines for reading.
    static func readable(_ message: String) -> String {
        message.replacingOccurrences(of: "\r", with: "\n").trimmingCharacters(in: .newlines)
    }
}

private actor FrameBox {
    var frames: [String] = []
    var count: Int { frames.count }
    func append(_ frame: String) { frames.append(frame) }
}
