import CDcmtkShim
import PhotoGateCore

/// A DICOM file opened for reading; large values stay on disk until asked for.
public final class DicomFile {
    private let handle: OpaquePointer
    public let path: String

    public init(path: String) throws {
        try DicomToolkit.initialize()
        var h: OpaquePointer?
        var err = pgd_error()
        guard pgd_open(path, &h, &err) == PGD_OK, let h else {
            throw PGError(err.code == PGD_E_IO ? .inputUnreadable : .invalidDicomFile, shimMessage(err))
        }
        handle = h
        self.path = path
    }

    deinit { pgd_close(handle) }

    /// The value of a top-level attribute (group 0002 from the meta header) in string form,
    /// or nil when absent.
    public func string(_ tag: UInt32) -> String? { string(tag, inSequence: 0, item: 0) }

    /// The value of an attribute inside item `item` of sequence `sequence`.
    public func string(_ tag: UInt32, inSequence sequence: UInt32, item: Int) -> String? {
        var buf = [CChar](repeating: 0, count: 4096)
        guard pgd_get_string(handle, sequence, UInt32(item), tag, &buf, buf.count) == 1 else { return nil }
        return decodeCString(buf)
    }

    /// The value length of a top-level attribute, or nil when absent.
    public func length(_ tag: UInt32) -> UInt64? {
        var n: UInt64 = 0
        return pgd_get_length(handle, tag, &n) == 1 ? n : nil
    }

    /// Encapsulated pixel data: fragment count (Basic Offset Table excluded) and bytes.
    public var fragments: (count: Int, bytes: UInt64)? {
        var n: UInt32 = 0, bytes: UInt64 = 0
        return pgd_pixel_fragments(handle, &n, &bytes) == 1 ? (Int(n), bytes) : nil
    }

    /// The bytes of fragment `index` (0-based).
    public func fragment(_ index: Int) throws -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var n = 0
        var err = pgd_error()
        guard pgd_copy_fragment(handle, UInt32(index), &out, &n, &err) == PGD_OK, let out else {
            throw PGError(.invalidDicomFile, shimMessage(err))
        }
        defer { pgd_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: n))
    }

    /// The length of fragment `index` (0-based), or nil when there is none.
    public func fragmentLength(_ index: Int) -> UInt64? {
        var n: UInt64 = 0
        return pgd_fragment_length(handle, UInt32(index), &n) == 1 ? n : nil
    }

    /// Reads part of fragment `index` from `offset` into `buffer` without loading the whole
    /// fragment; returns the bytes read (0 at the end).
    public func readFragment(_ index: Int, at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var got = 0
        var err = pgd_error()
        guard pgd_read_fragment(handle, UInt32(index), offset, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                buffer.count, &got, &err) == PGD_OK else {
            throw PGError(.invalidDicomFile, shimMessage(err))
        }
        return got
    }

    /// Native (uncompressed) pixel data.
    public func nativePixels() throws -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var n = 0
        var err = pgd_error()
        guard pgd_copy_native_pixels(handle, &out, &n, &err) == PGD_OK, let out else {
            throw PGError(.invalidDicomFile, shimMessage(err))
        }
        defer { pgd_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: n))
    }
}
