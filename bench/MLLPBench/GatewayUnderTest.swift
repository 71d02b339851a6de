import Foundation
import Gateway
import PhotoGateCore
import Storage

/// The gateway as `photogate serve` runs it (`buildApplication`: HTTP, the MLLP listener, the
/// scheduler), in this process, on a fresh data directory on disk: SQLite in WAL mode with
/// `synchronous = FULL`, so every ACK follows an fsynced commit.
struct GatewayUnderTest {
    let gateway: Gateway
    let mllpPort: Int
    let task: Task<Void, any Error>
    let dataDir: String

    static func start(in work: String) async throws -> GatewayUnderTest {
        var config = GatewayConfig()
        config.dataDir = "\(work)/data"
        config.httpPort = try Ports.free()
        config.mllpPort = try Ports.free()
        config.logLevel = "warning"
        config.mappings = FileManager.default.currentDirectoryPath + "/Mappings"
        var key = [UInt8](repeating: 0, count: 32)
        for i in key.indices { key[i] = UInt8.random(in: 0...255) }
        let gateway = try Gateway(config: config, environment: ["PHOTOGATE_MASTER_KEY": Data(key).base64EncodedString()])
        let app = buildApplication(gateway: gateway)
        // SIGUSR2 asks the service group for a graceful shutdown (see stop()).
        let task = Task { try await app.runService(gracefulShutdownSignals: [.sigusr2]) }
        for _ in 0..<400 {
            if Ports.accepts(config.mllpPort) {
                return GatewayUnderTest(gateway: gateway, mllpPort: config.mllpPort, task: task, dataDir: config.dataDir)
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        task.cancel()
        throw BenchError("the MLLP listener did not come up on port \(config.mllpPort)")
    }

    func stop() async {
        kill(getpid(), SIGUSR2)
        _ = await task.result
    }
}
