import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking MLLP client over a real TCP socket (POSIX calls, no NIO), for tests that talk to
/// a live listener: it can send well-formed frames, or any bytes at all (broken framing), and
/// reads answers frame by frame. One client per thread.
public final class MLLPTestClient: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case connect(errno: Int32)
        case send(errno: Int32)
        case receive(errno: Int32)

        public var description: String {
            switch self {
            case .connect(let e): "connect failed: \(String(cString: strerror(e)))"
            case .send(let e): "send failed: \(String(cString: strerror(e)))"
            case .receive(let e): "receive failed: \(String(cString: strerror(e)))"
            }
        }
    }

    private var fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to `host:port` (IPv4). `watchdogSeconds` bounds every receive, so that a
    /// listener that stops answering fails the test instead of hanging it.
    public init(host: String = "127.0.0.1", port: Int, watchdogSeconds: Int = 60) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            let e = errno
            Glibc.close(fd)
            throw Failure.connect(errno: e)
        }
        var timeout = timeval(tv_sec: watchdogSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    /// `<VT>` payload `<FS><CR>`.
    public static func frame(_ payload: [UInt8]) -> [UInt8] { [0x0B] + payload + [0x1C, 0x0D] }

    /// Sends one message in an MLLP frame.
    public func send(_ payload: [UInt8]) throws { try sendRaw(Self.frame(payload)) }

    /// Sends bytes as they are (no framing added).
    public func sendRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure.send(errno: errno) }
            offset += n
        }
    }

    /// The next frame's payload; nil when the peer closed the connection (or reset it) first.
    /// - Throws: when nothing arrived within the watchdog time.
    public func receiveFrame() throws -> [UInt8]? {
        while true {
            if let start = buffer.firstIndex(of: 0x0B),
               let end = buffer[start...].firstIndex(of: 0x1C), end + 1 < buffer.count, buffer[end + 1] == 0x0D
            {
                let payload = Array(buffer[(start + 1)..<end])
                buffer.removeFirst(end + 2)
                return payload
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                buffer += chunk[0..<n]
            } else if n == 0 || errno == ECONNRESET {
                return nil
            } else if errno != EINTR {
                throw Failure.receive(errno: errno)
            }
        }
    }

    /// Sends `payload` and waits for one answer.
    public func exchange(_ payload: [UInt8]) throws -> [UInt8]? {
        try send(payload)
        return try receiveFrame()
    }

    /// Whether the peer closes the connection before sending anything more: reads (and
    /// discards) until end of stream or a reset.
    public func waitForClose() throws -> Bool {
        while true {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno == ECONNRESET) { return true }
            if n < 0 && errno != EINTR { throw Failure.receive(errno: errno) }
            if n > 0 { return false }
        }
    }

    /// Half-closes: the peer reads end of stream while this side can still read.
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}
