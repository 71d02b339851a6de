import DICOM
import Foundation
import PhotoGateCore
import TestSupport

/// Real DCMTK peers for the DICOM tests: environment, free ports, long-running tools.
enum DicomPeers {
    /// Every DCMTK peer runs with Nagle off (notes/DCMTK.md: ~44 ms per small C-STORE otherwise).
    static let environment = ["TCP_NODELAY": "1"]

    /// A DCMTK tool run to completion, with Nagle off.
    static func run(_ tool: String, _ arguments: [String]) throws -> Tool.Output {
        try Tool.run(tool, arguments, environment: environment)
    }

    /// A port nobody listens on right now (bound and released).
    static func freePort() -> UInt16 {
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
    static func waitForListener(port: UInt16) throws {
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

struct PeerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A long-running DCMTK tool (storescp) started by a test and stopped by its process id.
final class PeerProcess: @unchecked Sendable {
    private let process = Process()
    let logPath: String

    init(_ tool: String, _ arguments: [String], logPath: String) throws {
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(DicomPeers.environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32 { process.terminationStatus }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func waitUntilExit() { process.waitUntilExit() }

    /// SIGKILL: test processes inherit a signal mask that can block SIGTERM, and a peer has
    /// nothing to flush that the test needs.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A DCMTK storescp on a free port, writing what it receives to `directory`.
final class StoreSCP {
    let port: UInt16
    let aeTitle: String
    let directory: String
    let process: PeerProcess

    init(aeTitle: String = "DEST", extraArguments: [String] = []) throws {
        port = DicomPeers.freePort()
        self.aeTitle = aeTitle
        directory = try Fixtures.scratchDirectory()
        process = try PeerProcess("storescp", ["-aet", aeTitle, "-od", directory, "+xa"] + extraArguments + ["\(port)"],
                                  logPath: directory + ".log")
        try DicomPeers.waitForListener(port: port)
    }

    var peer: DicomPeer { DicomPeer(host: "127.0.0.1", port: port, aeTitle: aeTitle) }

    /// The files received so far.
    var received: [String] { Fixtures.listing(directory).filter { !$0.hasPrefix(".") } }

    func stop() { process.stop() }
}

/// A plain TCP connection, for misbehaving peers.
final class RawConnection {
    private var fd: Int32

    init(port: UInt16) throws {
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

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
