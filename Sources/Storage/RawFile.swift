import Foundation
import PhotoGateCore

/// A new file written with POSIX calls, for content that must reach the disk.
final class RawFile {
    private var fd: Int32
    let path: String

    /// Creates the file exclusively with mode 0600.
    init(creating path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PGError(.outputWriteFailed, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
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

    func syncAndClose() throws {
        guard fsync(fd) == 0 else { throw PGError(.outputWriteFailed, "cannot sync \(path)") }
        close(fd)
        fd = -1
    }

    static func syncDirectory(_ dir: String) {
        let d = open(dir, O_RDONLY | O_CLOEXEC)
        guard d >= 0 else { return }
        fsync(d)
        close(d)
    }
}
