import Crypto
import Foundation
import PhotoGateCore

/// The master key that wraps every data key: from `PHOTOGATE_MASTER_KEY` (base64, 32 bytes)
/// or a key file (created with mode 0600 on first start).
public enum MasterKey {
    public enum Origin: Sendable, Equatable {
        case environment
        case file(String)
        case createdFile(String)
    }

    /// Loads the master key: the environment value wins; otherwise the key file, which is
    /// created when `createIfMissing` and it does not exist yet.
    public static func load(environmentValue: String?, keyFile: String, createIfMissing: Bool) throws
        -> (key: SymmetricKey, origin: Origin)
    {
        if let value = environmentValue, !value.isEmpty {
            return (try parse(value, source: "PHOTOGATE_MASTER_KEY"), .environment)
        }
        if FileManager.default.fileExists(atPath: keyFile) {
            var st = stat()
            if stat(keyFile, &st) == 0, st.st_mode & 0o077 != 0 {
                throw PGError(.keyUnavailable, "\(keyFile) is readable by others (mode \(String(st.st_mode & 0o777, radix: 8))); chmod 600 it")
            }
            let text = try String(contentsOfFile: keyFile, encoding: .utf8)
            return (try parse(text, source: keyFile), .file(keyFile))
        }
        guard createIfMissing else { throw PGError(.keyUnavailable, "no master key: \(keyFile) does not exist") }
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n"
        let fd = open(keyFile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PGError(.keyUnavailable, "cannot create \(keyFile): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let written = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, text.utf8.count) }
        guard written == text.utf8.count, fsync(fd) == 0 else {
            throw PGError(.keyUnavailable, "cannot write \(keyFile)")
        }
        return (key, .createdFile(keyFile))
    }

    static func parse(_ text: String, source: String) throws -> SymmetricKey {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
            throw PGError(.keyUnavailable, "\(source) is not a base64-encoded 32-byte key")
        }
        return SymmetricKey(data: data)
    }
}
