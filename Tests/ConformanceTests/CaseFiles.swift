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

    /// A TCP port nothing listens on (bound, then released).
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
