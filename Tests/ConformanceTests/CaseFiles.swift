import Foundation
import TestSupport

/// Writes throw-away conformance folders for the runner's tests.
enum CaseFiles {
    /// A conformance root with one suite holding the given cases (`folder → case.yaml text`).
    static func root(suite: String = "demo", _ cases: [String: String]) throws -> String {
        let root = try Fixtures.scratchDirectory()
        for (folder, yaml) in cases {
            let dir = "\(root)/\(suite)/\(folder)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try yaml.write(toFile: dir + "/case.yaml", atomically: true, encoding: .utf8)
        }
        return root
    }

    /// Sockets holding the ports of ``closedPort()`` for the rest of the test process.
    nonisolated(unsafe) private static var held: [Int32] = []
    private static let heldLock = NSLock()

    /// A TCP port nothing listens on: bound by a socket that never listens and stays open,
    /// so a connection is refused and no server started by a concurrent test can take the
    /// port (a port bound and released could be handed out again at once).
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        heldLock.withLock { held.append(fd) }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
