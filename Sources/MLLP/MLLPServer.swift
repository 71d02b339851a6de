import Logging
import NIOCore
import NIOPosix

/// The MLLP listener (MLLP release 2 over TCP): frames in, the handler's answers out, one
/// message at a time per connection (a sender waits for the ACK before the next message).
/// Many connections are served concurrently; a connection that sends only noise, an
/// over-long frame, or nothing for `idleTimeout` is closed without affecting the others.
public final class MLLPServer: Sendable {
    /// Handles one message (the frame payload) from `peer`; returns the frames to send back in order.
    public typealias Handler = @Sendable (_ message: [UInt8], _ peer: String) async -> [[UInt8]]

    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var maximumFrameSize: Int
        public var idleTimeout: TimeAmount
        /// Peer IP addresses allowed to connect; nil = any.
        public var allowedPeers: Set<String>?

        public init(host: String = "127.0.0.1", port: Int = 2575, maximumFrameSize: Int = 1 << 20,
                    idleTimeout: TimeAmount = .seconds(300), allowedPeers: Set<String>? = nil) {
            self.host = host
            self.port = port
            self.maximumFrameSize = maximumFrameSize
            self.idleTimeout = idleTimeout
            self.allowedPeers = allowedPeers
        }
    }

    private let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let configuration: Configuration
    private let handler: Handler
    private let logger: Logger

    /// The bound port (the configured one, or the one port 0 picked).
    public var port: Int { channel.channel.localAddress?.port ?? configuration.port }

    /// Binds the listening socket.
    public init(configuration: Configuration, logger: Logger, handler: @escaping Handler) async throws {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        let maxFrame = configuration.maximumFrameSize
        let idle = configuration.idleTimeout
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandlers([
                        IdleStateHandler(readTimeout: idle),
                        CloseOnIdleHandler(),
                        ByteToMessageHandler(MLLPFrameDecoder(maximumFrameSize: maxFrame)),
                        MessageToByteHandler(MLLPFrameEncoder()),
                    ])
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
    }

    /// Serves until cancelled; then closes the listening socket.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    group.addTask { await self.serve(connection) }
                }
            }
        }
    }

    /// Closes the listening socket (running connections end when their peers do).
    public func close() async {
        try? await channel.channel.close()
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let peer = connection.channel.remoteAddress?.ipAddress ?? "unknown"
        if let allowed = configuration.allowedPeers, !allowed.contains(peer) {
            logger.warning("MLLP connection refused: peer not allowed", metadata: ["pg.mllp.peer": "\(peer)"])
            try? await connection.channel.close()
            return
        }
        do {
            try await connection.executeThenClose { inbound, outbound in
                for try await frame in inbound {
                    for answer in await handler(Array(frame.readableBytesView), peer) {
                        try await outbound.write(ByteBuffer(bytes: answer))
                    }
                }
            }
        } catch {
            // Framing errors (noise, over-long frame, truncated frame) end this connection only.
            logger.notice("MLLP connection closed", metadata: ["pg.mllp.peer": "\(peer)", "pg.mllp.reason": "\(error)"])
        }
    }
}

/// Closes a connection that sent nothing for the idle timeout.
final class CloseOnIdleHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
