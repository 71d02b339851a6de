import AsyncHTTPClient
import Foundation
import NIOCore
import TestSupport

/// Orthanc 1.10 (Debian) started by a test on loopback with a throw-away storage directory,
/// talking DICOM to the gateway; stopped by process id.
final class OrthancPeer: @unchecked Sendable {
    let dicomPort: UInt16
    let httpPort: UInt16
    let storage: String
    private var process: PeerProcess?

    /// Reserves the ports; ``start(gatewayPort:)`` runs it (the gateway's port must be known).
    init(storage: String? = nil, dicomPort: UInt16? = nil, httpPort: UInt16? = nil) throws {
        self.dicomPort = dicomPort ?? DicomPeers.freePort()
        self.httpPort = httpPort ?? DicomPeers.freePort()
        self.storage = try storage ?? Fixtures.scratchDirectory()
    }

    func start(gatewayPort: Int) throws {
        let config = """
            {
              "Name": "PhotoGate test PACS",
              "StorageDirectory": "\(storage)/db", "IndexDirectory": "\(storage)/db",
              "HttpPort": \(httpPort), "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
              "DicomAet": "ORTHANC", "DicomPort": \(dicomPort), "DicomCheckCalledAet": false,
              "OverwriteInstances": true, "StableAge": 1, "Plugins": [],
              "DicomModalities": { "photogate": ["PHOTOGATE", "127.0.0.1", \(gatewayPort)] },
              "DicomScuTimeout": 10, "DicomAssociationCloseDelay": 0,
              "KeepAlive": false
            }
            """
        try config.write(toFile: storage + "/orthanc.json", atomically: true, encoding: .utf8)
        process = try PeerProcess("/usr/sbin/Orthanc", [storage + "/orthanc.json"], logPath: storage + "/orthanc.log")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if process?.log.contains("Orthanc has started") == true { return }
            guard process?.isRunning == true else { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw PeerError("Orthanc did not start: \(process?.log ?? "")")
    }

    /// SIGKILL (a crash, or "the PACS went down").
    func stop() { process?.stop() }

    deinit { stop() }

    // MARK: REST API (Orthanc book, "REST API of the Orthanc core")

    func get(_ path: String) async throws -> [UInt8] { try await request("GET", path, body: nil) }

    func json(_ path: String) async throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try await get(path)))
    }

    @discardableResult
    func post(_ path: String, _ body: [UInt8]) async throws -> [UInt8] { try await request("POST", path, body: body) }

    func delete(_ path: String) async throws { _ = try await request("DELETE", path, body: nil) }

    private func request(_ method: String, _ path: String, body: [UInt8]?) async throws -> [UInt8] {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(httpPort)\(path)")
        request.method = .init(rawValue: method)
        // One connection per request: Orthanc closes idle keep-alive connections after a second,
        // and a pooled connection reused at that moment fails with `remoteConnectionClosed`.
        request.headers.add(name: "Connection", value: "close")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        guard response.status.code < 300 else {
            throw PeerError("Orthanc \(method) \(path): \(response.status.code) \(String(decoding: bytes, as: UTF8.self))")
        }
        return bytes
    }

    /// The Orthanc instance ids it holds.
    func instances() async throws -> [String] { (try await json("/instances") as? [String]) ?? [] }

    /// `PatientID`, `PatientName`, … of an instance (simplified tags).
    func tags(_ instance: String) async throws -> [String: Any] {
        (try await json("/instances/\(instance)/simplified-tags") as? [String: Any]) ?? [:]
    }
}
