import DICOM
import Foundation
import PhotoGateCore
import TestSupport

/// DICOM objects for the tests, made by real tools (img2dcm) or written here.
enum DicomSamples {
    static let vlPhotographic = "1.2.840.10008.5.1.4.1.1.77.1.4"
    static let secondaryCapture = "1.2.840.10008.5.1.4.1.1.7"
    static let jpegBaseline = "1.2.840.10008.1.2.4.50"
    static let explicitLittleEndian = "1.2.840.10008.1.2.1"

    /// A VL Photographic Image (JPEG Baseline, encapsulated as is) from a fixture photo, by
    /// DCMTK's img2dcm.
    static func photo(in directory: String, name: String = UUID().uuidString, patientID: String = "P1",
                      patientName: String = "DOE^JOHN", fixture: String = "baseline-420.jpg") throws -> String {
        let path = "\(directory)/\(name).dcm"
        let out = try DicomPeers.run("img2dcm", ["-vlp", Fixtures.photo(fixture), path,
                                                 "-k", "PatientID=\(patientID)", "-k", "PatientName=\(patientName)"])
        guard out.status == 0 else { throw PeerError("img2dcm failed: \(out.stderr)") }
        return path
    }

    /// A Secondary Capture Image in Explicit VR Little Endian whose native Pixel Data is
    /// `pixelBytes` long, written in 1 MiB chunks (the test process never holds it).
    static func large(at path: String, pixelBytes: Int) throws -> String {
        precondition(pixelBytes % 2 == 0)
        FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var meta = Writer()
        meta.element(0x0002_0001, "OB", [0, 1])
        meta.element(0x0002_0002, "UI", uid(secondaryCapture))
        let instance = "2.25.\(UInt64.random(in: 1...UInt64.max))"
        meta.element(0x0002_0003, "UI", uid(instance))
        meta.element(0x0002_0010, "UI", uid(explicitLittleEndian))
        meta.element(0x0002_0012, "UI", uid("2.25.1"))
        var head = Writer()
        head.bytes += [UInt8](repeating: 0, count: 128) + Array("DICM".utf8)
        head.element(0x0002_0000, "UL", le32(UInt32(meta.bytes.count)))
        head.bytes += meta.bytes
        let side = 8192, rows = pixelBytes / (side * 3)
        head.element(0x0008_0016, "UI", uid(secondaryCapture))
        head.element(0x0008_0018, "UI", uid(instance))
        head.element(0x0008_0060, "CS", text("OT"))
        head.element(0x0010_0010, "PN", text("LARGE^OBJECT"))
        head.element(0x0010_0020, "LO", text("LARGE"))
        head.element(0x0020_000D, "UI", uid("2.25.\(UInt64.random(in: 1...UInt64.max))"))
        head.element(0x0020_000E, "UI", uid("2.25.\(UInt64.random(in: 1...UInt64.max))"))
        head.element(0x0028_0002, "US", le16(3))
        head.element(0x0028_0004, "CS", text("RGB"))
        head.element(0x0028_0006, "US", le16(0))
        head.element(0x0028_0010, "US", le16(UInt16(rows)))
        head.element(0x0028_0011, "US", le16(UInt16(side)))
        head.element(0x0028_0100, "US", le16(8))
        head.element(0x0028_0101, "US", le16(8))
        head.element(0x0028_0102, "US", le16(7))
        head.element(0x0028_0103, "US", le16(0))
        let pixels = rows * side * 3
        head.header(0x7FE0_0010, "OB", UInt32(pixels))
        file.write(Data(head.bytes))
        let chunk = Data(repeating: 0x5A, count: 1 << 20)
        var left = pixels
        while left > 0 {
            let n = min(left, chunk.count)
            file.write(n == chunk.count ? chunk : chunk.prefix(n))
            left -= n
        }
        return path
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func element(_ tag: UInt32, _ vr: String, _ value: [UInt8]) {
            header(tag, vr, UInt32(value.count))
            bytes += value
        }

        mutating func header(_ tag: UInt32, _ vr: String, _ length: UInt32) {
            bytes += le16(UInt16(tag >> 16)) + le16(UInt16(tag & 0xFFFF)) + Array(vr.utf8)
            if ["OB", "OW", "SQ", "UN", "UT"].contains(vr) {
                bytes += [0, 0] + le32(length)
            } else {
                bytes += le16(UInt16(length))
            }
        }
    }

    private static func uid(_ s: String) -> [UInt8] { pad(Array(s.utf8), with: 0) }
    private static func text(_ s: String) -> [UInt8] { pad(Array(s.utf8), with: 0x20) }
    private static func pad(_ b: [UInt8], with byte: UInt8) -> [UInt8] { b.count % 2 == 0 ? b : b + [byte] }
    private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
}
