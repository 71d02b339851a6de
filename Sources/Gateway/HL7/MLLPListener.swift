import Logging
import MLLP
import NIOCore
import ServiceLifecycle

/// The HL7 v2 MLLP listener as a service of the gateway's ServiceGroup: every message goes
/// through ``Gateway/receiveHL7(_:peer:)`` (stored, processed, acknowledged).
struct MLLPListener: Service {
    let gateway: Gateway
    let listeners: ListenerRegistry

    func run() async throws {
        let config = gateway.config
        let server = try await MLLPServer(
            configuration: .init(host: config.host, port: config.mllpPort, maximumFrameSize: 1 << 20,
                                 idleTimeout: .seconds(Int64(config.mllpIdleTimeoutSeconds)),
                                 allowedPeers: config.mllpAllowedPeers.map(Set.init)),
            logger: gateway.logger) { [gateway] message, peer in
                await gateway.receiveHL7(message, peer: peer)
            }
        await listeners.up("mllp")
        gateway.logger.notice("listening", metadata: ["pg.listener": "mllp", "pg.address": "\(config.host):\(server.port)"])
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            Task { await server.close() }
        }
        await listeners.down("mllp")
    }
}
