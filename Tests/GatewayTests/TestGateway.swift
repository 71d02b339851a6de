import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PhotoGateCore
import Storage
import TestSupport

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private var now: Date
    private let lock = NSLock()
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000 + 0)) { now = start }
    func read() -> Date { lock.withLock { now } }
    func advance(_ seconds: TimeInterval) { lock.withLock { now = now.addingTimeInterval(seconds) } }
}

/// A gateway on a fresh data directory with one token per role.
struct TestGateway {
    let gateway: Gateway
    let clock: TestClock
    let dir: String
    let tokens: [Role: String]

    init(logger: Logger = Logger(label: "photogate"), configure: (inout GatewayConfig) -> Void = { _ in }) throws {
        dir = try Fixtures.scratchDirectory()
        var config = GatewayConfig()
        config.dataDir = dir + "/data"
        config.httpPort = 0
        config.mllpPort = 0
        config.dicomPort = 0
        config.mappings = Fixtures.root.appendingPathComponent("Mappings").path
        configure(&config)
        let clock = TestClock()
        self.clock = clock
        gateway = try Gateway(config: config, environment: [:], clock: { clock.read() }, logger: logger)
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            tokens[role] = try gateway.database.writer.write {
                try TokenStore.create($0, name: "test-\(role.rawValue)", role: role, at: Date()).token
            }
        }
        self.tokens = tokens
    }

    func headers(_ role: Role, contentType: String? = nil) -> HTTPFields {
        var h: HTTPFields = [.authorization: "Bearer \(tokens[role]!)"]
        if let contentType { h[.contentType] = contentType }
        return h
    }

    /// Runs `body` against the router with this gateway.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = buildApplication(gateway: gateway)
        try await app.test(.router) { client in try await body(client) }
    }
}

extension TestClientProtocol {
    /// Uploads a fixture photo as `role`; returns the created asset.
    func upload(_ t: TestGateway, photo: String = "baseline-420.jpg", patient: String = "urn:oid:1.2.3|MRN1",
                stream: String = "communication", role: Role = .uploader) async throws -> [String: Any] {
        let bytes = try Fixtures.bytes(photo)
        return try await execute(uri: "/api/assets?patient=\(patient)&stream=\(stream)&bodySite=HAND&laterality=L",
                                 method: .post, headers: t.headers(role, contentType: "image/jpeg"),
                                 body: ByteBuffer(bytes: bytes)) { response in
            guard response.status == .created else {
                throw PGError(.internalError, "upload answered \(response.status): \(String(buffer: response.body))")
            }
            return try jsonObject(response.body)
        }
    }

    /// Sends JSON and returns the status and decoded body.
    func send(_ t: TestGateway, _ method: HTTPRequest.Method, _ uri: String, as role: Role, json: String? = nil)
        async throws -> (status: HTTPResponse.Status, body: Any?)
    {
        try await execute(uri: uri, method: method, headers: t.headers(role, contentType: json == nil ? nil : "application/json"),
                          body: json.map { ByteBuffer(string: $0) }) { response in
            (response.status, try? JSONSerialization.jsonObject(with: Data(buffer: response.body)))
        }
    }
}

func jsonObject(_ buffer: ByteBuffer) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
        throw PGError(.internalError, "not a JSON object: \(String(buffer: buffer))")
    }
    return object
}

extension Data {
    init(buffer: ByteBuffer) { self.init(buffer.readableBytesView) }
}
