import AsyncHTTPClient
import Foundation
import Gateway
import Hummingbird
import NIOCore

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints a line at once.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

enum Format {
    static func ms(_ value: Double) -> String { String(format: value < 10 ? "%.2f ms" : "%.1f ms", value) }
    static func rate(_ value: Double, _ unit: String) -> String { "\(grouped(Int(value.rounded()))) \(unit)" }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// The real HTTP application (`buildApplication(gateway:)`) served in this process on a free
/// port, an HTTP client with one connection per bench client, and the load loop.
struct Load: Sendable {
    let port: Int
    let task: Task<Void, any Error>
    let client: HTTPClient

    struct Reply {
        var status: Int
        var body: ByteBuffer
        var text: String { String(buffer: body) }
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:] }
    }

    struct Result {
        var ok = 0
        var failed = 0
        var seconds = 0.0
        var latencies: [Double] = []  // ms, successful requests
        var firstFailure: String?
        var rate: Double { Double(ok) / seconds }
        var p50: Double { quantile(0.50) }
        var p99: Double { quantile(0.99) }

        /// Nearest rank; `latencies` sorted by `measure`.
        func quantile(_ q: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let rank = Int((q * Double(latencies.count)).rounded(.up)) - 1
            return latencies[min(max(rank, 0), latencies.count - 1)]
        }
    }

    /// Starts the app and waits until `/health` answers 200.
    static func start(_ gateway: Gateway, clients: Int) async throws -> Load {
        let app = buildApplication(gateway: gateway)
        // SIGUSR2 asks the service group for a graceful shutdown (see stop()).
        let task = Task { try await app.runService(gracefulShutdownSignals: [.sigusr2]) }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(clients, 8)
        let load = Load(port: gateway.config.httpPort, task: task,
                        client: HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration))
        for _ in 0..<200 {
            if let reply = try? await load.request("GET", "/health", token: nil), reply.status == 200 { return load }
            try await Task.sleep(for: .milliseconds(50))
        }
        await load.stop()
        throw BenchError("the HTTP server did not come up on port \(load.port)")
    }

    func stop() async {
        try? await client.shutdown()
        kill(getpid(), SIGUSR2)
        _ = await task.result
    }

    /// One request (FHIR JSON when there is a body); the status and the whole response body.
    func request(_ method: String, _ path: String, token: String?, body: [UInt8]? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/fhir+json")
            request.headers.add(name: "Accept", value: "application/fhir+json")
            request.body = .bytes(body)
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        return Reply(status: Int(response.status.code), body: try await response.body.collect(upTo: 16 << 20))
    }

    /// `clients` concurrent loops of `operation` for `seconds`; `operation` gets a run-wide
    /// sequence number. A 2xx answer counts as done; anything else as failed.
    func measure(seconds: Double, clients: Int, _ operation: @escaping @Sendable (Int) async throws -> Reply) async throws -> Result {
        let counter = Counter()
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline = start + UInt64(seconds * 1e9)
        var result = try await withThrowingTaskGroup(of: Result.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var mine = Result()
                    while DispatchTime.now().uptimeNanoseconds < deadline {
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        let reply = try await operation(counter.next())
                        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                        if (200..<300).contains(reply.status) {
                            mine.ok += 1
                            mine.latencies.append(ms)
                        } else {
                            mine.failed += 1
                            if mine.firstFailure == nil { mine.firstFailure = "HTTP \(reply.status) \(reply.text.prefix(300))" }
                        }
                    }
                    return mine
                }
            }
            var all = Result()
            for try await part in group {
                all.ok += part.ok
                all.failed += part.failed
                all.latencies += part.latencies
                all.firstFailure = all.firstFailure ?? part.firstFailure
            }
            return all
        }
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        result.latencies.sort()
        return result
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

/// The run-wide sequence number of requests.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.withLock { value += 1; return value - 1 } }
}
