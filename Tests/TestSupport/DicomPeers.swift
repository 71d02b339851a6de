import Foundation

/// Real DCMTK peers for the DICOM tests: environment, free ports, long-running tools.
public enum DicomPeers {
    /// Every DCMTK peer runs with Nagle off (notes/DCMTK.md: ~44 ms per small C-STORE otherwise).
    public static let environment = ["TCP_NODELAY": "1"]

    /// A DCMTK tool run to completion, with Nagle off.
    public static func run(_ tool: String, _ arguments: [String]) throws -> Tool.Output {
        try Tool.run(tool, arguments, environment: environment)
    }

    /// A port nobody listens on right now (bound and released).
    public static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
        }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return UInt16(bigEndian: addr.sin_port)
    }

    /// Waits until something accepts TCP connections on 127.0.0.1:port (at most 10 s).
    public static func waitForListener(port: UInt16) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let socket = try? RawConnection(port: port) {
                socket.close()
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw PeerError("nothing listens on port \(port)")
    }
}

public struct PeerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A long-running DCMTK tool (storescp) started by a test and stopped by its process id.
public final class PeerProcess: @unchecked Sendable {
    private let process = Process()
    public let logPath: String

    public init(_ tool: String, _ arguments: [String], logPath: String) throws {
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: tool.contains("/") ? tool : "/usr/bin/\(tool)")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(DicomPeers.environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var isRunning: Bool { process.isRunning }
    public var exitStatus: Int32 { process.terminationStatus }
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    public func waitUntilExit() { process.waitUntilExit() }

    /// SIGKILL: test processes inherit a signal mask that can block SIGTERM, and a peer has
    /// nothing to flush that the test needs.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A DCMTK storescp on a free port, writing what it receives to `directory`.
public final class StoreSCP {
    public let port: UInt16
    public let aeTitle: String
    public let directory: String
    public let process: PeerProcess

    /// Starts on `port` (a free one by default), writing into `directory` (a new scratch
    /// directory by default) — pass both to restart a stopped peer where it was.
    public init(aeTitle: String = "DEST", port: UInt16? = nil, directory: String? = nil,
                extraArguments: [String] = []) throws {
        self.port = port ?? DicomPeers.freePort()
        self.aeTitle = aeTitle
        self.directory = try directory ?? Fixtures.scratchDirectory()
        process = try PeerProcess("storescp", ["-aet", aeTitle, "-od", self.directory, "+xa"] + extraArguments
                                      + ["\(self.port)"], logPath: self.directory + ".log")
        try DicomPeers.waitForListener(port: self.port)
    }

    public var received: [String] { Fixtures.listing(directory).filter { !$0.hasPrefix(".") } }

    public func stop() { process.stop() }
}

/// A plain TCP connection, for misbehaving peers.
public final class RawConnection {
    private var fd: Int32

    public init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if rc != 0 {
            Glibc.close(fd)
            throw PeerError("connect to \(port) failed")
        }
    }

    public func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
