import Foundation
import PhotoGateCore

/// Temporary files beside an output path, and the final fsync + rename that makes the
/// output appear whole or not at all.
struct AtomicOutput {
    let finalPath: String
    let directory: String
    private let stem: String
    private(set) var temporaries: [String] = []

    init(finalPath: String) {
        self.finalPath = finalPath
        let url = URL(fileURLWithPath: finalPath)
        directory = url.deletingLastPathComponent().path
        stem = "." + url.lastPathComponent + ".photogate-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    /// A new temporary path in the output directory (same file system, so rename is atomic).
    mutating func temporary(_ suffix: String) -> String {
        let path = directory + "/" + stem + "." + suffix
        temporaries.append(path)
        return path
    }

    /// Renames `path` to the final path; with `sync`, fsyncs the file before and the
    /// directory after, so the output survives a power loss once it is visible.
    func commit(_ path: String, sync: Bool) throws {
        if sync { try Self.sync(path) }
        guard rename(path, finalPath) == 0 else {
            throw PGError(.outputWriteFailed, "cannot move the output into place at \(finalPath): \(String(cString: strerror(errno)))")
        }
        if sync { try? Self.sync(directory) }
    }

    /// Removes whatever temporaries are left.
    func cleanUp() {
        for path in temporaries { unlink(path) }
    }

    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw PGError(.outputWriteFailed, "cannot open \(path) to sync it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw PGError(.outputWriteFailed, "cannot sync \(path): \(String(cString: strerror(errno)))")
        }
    }
}
