import Crypto
import Foundation
import PhotoGateCore

/// Encrypted blob files under `<data>/blobs`: originals, DICOM objects, renditions.
///
/// Each blob is sealed with the patient's data key in 1 MiB chunks (AES-256-GCM), so blobs of
/// any size are written and read with flat memory:
/// ```
/// header:  "PGB1" | chunk size (u32 BE) | base nonce (12 bytes)
/// chunk i: ciphertext | tag (16)     nonce = base nonce XOR i (last 8 bytes, BE)
///                                    AAD   = header | blob id | i (u64 BE) | final (1 byte)
/// ```
/// The AAD binds every chunk to its blob, position and end, so chunks cannot be swapped,
/// reordered, or cut off. Files are written to a temporary name, fsynced and renamed.
public final class BlobStore: Sendable {
    public let root: String
    static let magic: [UInt8] = Array("PGB1".utf8)
    static let chunkSize = 1 << 20

    public init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func path(_ id: String) -> String { "\(root)/\(id.prefix(2))/\(id)" }

    /// Seals `bytes` into a new blob; returns its id.
    public func put(_ bytes: [UInt8], key: SymmetricKey) throws -> String {
        var offset = 0
        return try put(key: key) { buffer in
            let n = min(buffer.count, bytes.count - offset)
            if n > 0 { bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) } }
            offset += n
            return n
        }
    }

    /// Seals the file at `path` into a new blob, reading it in chunks; returns its id.
    public func put(file path: String, key: SymmetricKey) throws -> String {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PGError(.inputUnreadable, "cannot open \(path)") }
        defer { close(fd) }
        return try put(key: key) { buffer in
            var total = 0
            while total < buffer.count {
                let n = Glibc.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 { if errno == EINTR { continue }; throw PGError(.inputUnreadable, "cannot read \(path)") }
                if n == 0 { break }
                total += n
            }
            return total
        }
    }

    /// Writes a blob from a reader that fills a buffer and returns how many bytes it wrote
    /// (fewer than asked only at the end).
    private func put(key: SymmetricKey, reader: (UnsafeMutableRawBufferPointer) throws -> Int) throws -> String {
        let id = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let final = path(id)
        let dir = (final as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temp = "\(dir)/.\(id).tmp"
        let out = try RawFile(creating: temp)
        var committed = false
        defer { if !committed { unlink(temp) } }

        var nonce = [UInt8](repeating: 0, count: 12)
        for i in nonce.indices { nonce[i] = UInt8.random(in: 0...255) }
        let header = Self.magic + Self.be32(UInt32(Self.chunkSize)) + nonce
        try out.write(header)

        // One chunk of lookahead: a chunk is final when nothing follows it.
        let a = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        let b = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { a.deallocate(); b.deallocate() }
        var current = a, next = b
        var currentCount = try reader(current)
        var index: UInt64 = 0
        while true {
            let nextCount = currentCount == Self.chunkSize ? try reader(next) : 0
            let isFinal = nextCount == 0
            try out.write(try Self.seal(UnsafeRawBufferPointer(rebasing: current[0..<currentCount]), key: key,
                                        header: header, id: id, index: index, final: isFinal))
            if isFinal { break }
            swap(&current, &next)
            currentCount = nextCount
            index += 1
        }
        try out.syncAndClose()
        guard rename(temp, final) == 0 else { throw PGError(.outputWriteFailed, "cannot store blob \(id)") }
        committed = true
        RawFile.syncDirectory(dir)
        return id
    }

    /// Opens a blob and hands its plaintext, chunk by chunk, to `body`.
    public func read(_ id: String, key: SymmetricKey, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard id.count == 32, id.allSatisfy(\.isHexDigit) else { throw PGError(.notFound, "no blob \(id)") }
        let fd = Glibc.open(path(id), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PGError(.notFound, "blob \(id) is missing") }
        defer { close(fd) }
        let header = try Self.readExactly(fd, 20)
        guard header.count == 20, Array(header[0..<4]) == Self.magic else {
            throw PGError(.keyUnavailable, "blob \(id) is not a PhotoGate blob")
        }
        let chunk = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        guard chunk > 0, chunk <= 64 << 20 else { throw PGError(.keyUnavailable, "blob \(id) has a bad header") }
        var current = try Self.readExactly(fd, chunk + 16)
        var index: UInt64 = 0
        while true {
            guard current.count >= 16 else { throw PGError(.keyUnavailable, "blob \(id) is truncated") }
            let next = current.count == chunk + 16 ? try Self.readExactly(fd, chunk + 16) : []
            let plain = try Self.unseal(current, key: key, header: header, id: id, index: index, final: next.isEmpty)
            try plain.withUnsafeBytes { try body($0) }
            if next.isEmpty { return }
            current = next
            index += 1
        }
    }

    /// The whole plaintext of a blob in memory.
    public func get(_ id: String, key: SymmetricKey) throws -> [UInt8] {
        var out: [UInt8] = []
        try read(id, key: key) { out.append(contentsOf: $0) }
        return out
    }

    /// Decrypts a blob into a new file (mode 0600).
    public func export(_ id: String, key: SymmetricKey, to path: String) throws {
        let out = try RawFile(creating: path)
        try read(id, key: key) { try out.write($0) }
        try out.syncAndClose()
    }

    public func delete(_ id: String) {
        unlink(path(id))
    }

    static func seal(_ plain: UnsafeRawBufferPointer, key: SymmetricKey, header: [UInt8], id: String, index: UInt64,
                     final: Bool) throws -> [UInt8] {
        let box = try AES.GCM.seal(plain, using: key, nonce: nonce(header, index),
                                   authenticating: aad(header, id, index, final))
        return Array(box.ciphertext) + Array(box.tag)
    }

    static func unseal(_ sealed: [UInt8], key: SymmetricKey, header: [UInt8], id: String, index: UInt64,
                     final: Bool) throws -> Data {
        do {
            let box = try AES.GCM.SealedBox(nonce: nonce(header, index), ciphertext: sealed.dropLast(16),
                                            tag: sealed.suffix(16))
            return try AES.GCM.open(box, using: key, authenticating: aad(header, id, index, final))
        } catch {
            throw PGError(.keyUnavailable, "blob \(id) cannot be decrypted (wrong key, destroyed key, or tampered data)")
        }
    }

    static func nonce(_ header: [UInt8], _ index: UInt64) throws -> AES.GCM.Nonce {
        var n = Array(header[8..<20])
        for k in 0..<8 { n[4 + k] ^= UInt8(truncatingIfNeeded: index >> (56 - 8 * UInt64(k))) }
        return try AES.GCM.Nonce(data: n)
    }

    static func aad(_ header: [UInt8], _ id: String, _ index: UInt64, _ final: Bool) -> [UInt8] {
        header + Array(id.utf8) + (0..<8).map { UInt8(truncatingIfNeeded: index >> (56 - 8 * UInt64($0))) } + [final ? 1 : 0]
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static func readExactly(_ fd: Int32, _ count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var total = 0
        while total < count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, count - total) }
            if n < 0 { if errno == EINTR { continue }; throw PGError(.inputUnreadable, "cannot read a blob") }
            if n == 0 { break }
            total += n
        }
        buffer.removeSubrange(total...)
        return buffer
    }
}
