import Foundation
import PhotoGateCore

/// Where sanitized bytes go.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension ByteSink {
    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// Collects bytes in memory.
public struct MemoryByteSink: ByteSink {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}

/// Writes to a new file through a 1 MiB buffer; `finish()` flushes and (by default) fsyncs.
public final class FileByteSink: ByteSink {
    private let fd: Int32
    public let path: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20
    public private(set) var written: UInt64 = 0

    /// Creates (exclusively) the file at `path` with mode 0600.
    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PGError(.outputWriteFailed, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(capacity)
    }

    deinit { close(fd) }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        written += UInt64(bytes.count)
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Flushes, and fsyncs unless `sync` is false.
    public func finish(sync: Bool = true) throws {
        try flush()
        guard sync else { return }
        guard fsync(fd) == 0 else {
            throw PGError(.outputWriteFailed, "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw PGError(.outputWriteFailed, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
