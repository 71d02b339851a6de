import AsyncHTTPClient
import Foundation
import Gateway
import Hummingbird

/// The real HTTP application (`buildApplication(gateway:)`) running in this process on a free
/// port, and a client for it.
struct BenchServer: Sendable {
    let port: Int
    let task: Task<Void, any Error>
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the app and waits until `/health` answers 200.
    static func start(_ gateway: Gateway) async throws -> BenchServer {
        let app = buildApplication(gateway: gateway)
        // SIGUSR2 asks the service group for a graceful shutdown (see stop()).
        let task = Task { try await app.runService(gracefulShutdownSignals: [.sigusr2]) }
        let server = BenchServer(port: gateway.config.httpPort, task: task)
        for _ in 0..<200 {
            if let reply = try? await server.request("GET", "/health", token: nil), reply.status == 200 { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        task.cancel()
        throw BenchError("the HTTP server did not come up on port \(server.port)")
    }

    /// Graceful shutdown, as SIGTERM would do it for `photogate serve`.
    func stop() async {
        kill(getpid(), SIGUSR2)
        _ = await task.result
    }

    /// One request; returns the status and the whole response body.
    func request(_ method: String, _ path: String, token: String?, contentType: String? = nil,
                 body: [UInt8]? = nil) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), bytes)
    }

    /// A port that was free a moment ago (bound to 127.0.0.1:0, then closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot bind 127.0.0.1:0") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
