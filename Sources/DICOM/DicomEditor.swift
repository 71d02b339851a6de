import CDcmtkShim
import Foundation
import PhotoGateCore

/// Changes to stored objects and their DICOM JSON form, over the shim.
public enum DicomEditor {
    /// Writes a copy of `input` to `output` with `attributes` set at the top level (an empty
    /// value makes the attribute present but empty) and, when `fragment` is given, the
    /// encapsulated pixel data replaced by that single fragment. The transfer syntax, the SOP
    /// Instance UID and every other attribute stay as they were.
    public static func rewrite(_ input: String, setting attributes: [DicomAttribute], fragment: [UInt8]? = nil,
                               to output: String) throws {
        try DicomToolkit.initialize()
        let c = CStringArena()
        let attrs = attributes.map { pgd_attr(tag: $0.tag, value: c($0.value)) }
        var err = pgd_error()
        let rc = withExtendedLifetime(c) {
            if let fragment {
                return fragment.withUnsafeBufferPointer {
                    pgd_rewrite(input, attrs, attrs.count, $0.baseAddress, $0.count, output, &err)
                }
            }
            return pgd_rewrite(input, attrs, attrs.count, nil, 0, output, &err)
        }
        guard rc == PGD_OK else {
            unlink(output)
            throw PGError(rc == PGD_E_VALUE ? .invalidAttribute : (rc == PGD_E_IO ? .outputWriteFailed : .invalidDicomFile),
                          shimMessage(err))
        }
    }

    /// ``rewrite(_:setting:fragment:to:)`` with the new fragment streamed from a file (for
    /// objects too large to hold in memory); the file is padded to even length here.
    public static func rewrite(_ input: String, setting attributes: [DicomAttribute], fragmentFile: String,
                               to output: String) throws {
        try DicomToolkit.initialize()
        var size = (try FileManager.default.attributesOfItem(atPath: fragmentFile)[.size] as? NSNumber)?.uint64Value ?? 0
        if size % 2 == 1, let handle = FileHandle(forWritingAtPath: fragmentFile) {
            handle.seekToEndOfFile()
            handle.write(Data([0]))
            try handle.close()
            size += 1
        }
        let c = CStringArena()
        let attrs = attributes.map { pgd_attr(tag: $0.tag, value: c($0.value)) }
        var err = pgd_error()
        let rc = withExtendedLifetime(c) {
            pgd_rewrite_fragment_file(input, attrs, attrs.count, fragmentFile, size, output, &err)
        }
        guard rc == PGD_OK else {
            unlink(output)
            throw PGError(rc == PGD_E_VALUE ? .invalidAttribute : (rc == PGD_E_IO ? .outputWriteFailed : .invalidDicomFile),
                          shimMessage(err))
        }
    }

    /// The data set of `path` as DICOM JSON (PS3.18 F.2), one object. With `bulkDataBase`,
    /// pixel data (and ICC profile) are `BulkDataURI`s under it; without, `InlineBinary`.
    public static func json(_ path: String, bulkDataBase: String? = nil) throws -> [UInt8] {
        try DicomToolkit.initialize()
        var out: UnsafeMutablePointer<CChar>?
        var n = 0
        var err = pgd_error()
        guard pgd_to_json(path, bulkDataBase, &out, &n, &err) == PGD_OK, let out else {
            throw PGError(.invalidDicomFile, shimMessage(err))
        }
        defer { pgd_free(out) }
        return out.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
}
