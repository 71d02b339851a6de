import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport
import Testing

/// A 50 MB body sent to a running `photogate serve` under `/fhir` is refused with a 413
/// OperationOutcome without the server holding it: with `Content-Length` the length alone
/// refuses it, chunked the server stops reading at the limit (1 MiB); the server's peak
/// memory grows by less than twice the limit either way, and it keeps serving.
struct FHIRBodyLimitEndToEndTests {
    /// `VmRSS` and `VmHWM` (peak) of a process, in bytes.
    static func memory(_ pid: Int32) throws -> (rss: Int, peak: Int) {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func field(_ name: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Resets the peak (`VmHWM`) to the current RSS (proc(5), clear_refs "5").
    static func resetPeak(_ pid: Int32) throws {
        try "5".write(toFile: "/proc/\(pid)/clear_refs", atomically: false, encoding: .utf8)
    }

    @Test func aFiftyMegabyteBodyIsRefusedWith413WithoutTheServerHoldingIt() async throws {
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        let token = try server.token(role: "integration", name: "engine")
        let pid = server.process.processIdentifier
        let limit = 1 << 20  // maxJSONBytes, the default
        let size = 50 << 20
        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)

        for announced in [true, false] {
            // Warm the server up (first request allocations), then take the baseline.
            var warm = HTTPClientRequest(url: server.baseURL + "/fhir/metadata")
            warm.headers.add(name: "Authorization", value: "Bearer \(token)")
            _ = try await HTTPClient.shared.execute(warm, timeout: .seconds(30)).body.collect(upTo: 1 << 20)
            try Self.resetPeak(pid)
            let before = try Self.memory(pid)

            var request = HTTPClientRequest(url: server.baseURL + "/fhir/Patient")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Content-Type", value: "application/fhir+json")
            let chunks = (0..<(size / chunk.readableBytes)).map { _ in chunk }
            request.body = .stream(chunks.async, length: announced ? .known(Int64(size)) : .unknown)
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            let body = try await response.body.collect(upTo: 1 << 20)
            #expect(response.status.code == 413, "announced \(announced)")
            #expect(String(buffer: body).contains("\"resourceType\":\"OperationOutcome\""))
            #expect(String(buffer: body).contains("\"too-long\""))

            // The peak may grow by what the server reads before it stops (at most the limit) plus
            // what any request costs (NIO read buffers, allocator arenas, the writer's thread and
            // page cache for the failure's audit record: ≈ 1 MB on a quiet machine, up to 2.75 MB
            // measured while the whole suite runs on two cores) — never by the 50 MB sent.
            let after = try Self.memory(pid)
            #expect(after.peak - before.rss < 6 * limit, "announced \(announced): peak grew by \(after.peak - before.rss) bytes")
        }
        // And the server still answers
        var health = HTTPClientRequest(url: server.baseURL + "/health")
        health.method = .GET
        #expect(try await HTTPClient.shared.execute(health, timeout: .seconds(10)).status.code == 200)
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence (a streamed request body).
    var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
