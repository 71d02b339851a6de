import PhotoFormats
import PhotoGateCore
import TestSupport
import Testing

/// A source that hands out at most `step` bytes per read, to exercise chunk boundaries.
struct TrickleSource: ByteSource {
    var inner: MemoryByteSource
    let step: Int

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(step, buffer.count)]))
    }
}

func sanitize(_ bytes: [UInt8], step: Int? = nil) throws -> (JPEGInfo, [UInt8]) {
    var sink = MemoryByteSink()
    let info: JPEGInfo
    if let step {
        var source = TrickleSource(inner: MemoryByteSource(bytes), step: step)
        info = try JPEGSanitizer().sanitize(from: &source, to: &sink)
    } else {
        var source = MemoryByteSource(bytes)
        info = try JPEGSanitizer().sanitize(from: &source, to: &sink)
    }
    return (info, sink.bytes)
}

/// Bytes from the first SOS marker to the end of EOI, found by a plain search.
func scanData(_ jpeg: [UInt8]) -> ArraySlice<UInt8> {
    let sos = (0..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA }!
    let eoi = (sos..<jpeg.count - 1).last { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xD9 }!
    return jpeg[sos...eoi + 1]
}

func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    contains(haystack, Array(needle.utf8))
}

func contains(_ haystack: [UInt8], _ n: [UInt8]) -> Bool {
    guard haystack.count >= n.count else { return false }
    return (0...haystack.count - n.count).contains { haystack[$0..<$0 + n.count].elementsEqual(n) }
}

struct JPEGSanitizerTests {
    @Test func removesExifXmpAndIptcButKeepsScanDataIdentical() throws {
        // Given a photo with EXIF (incl. GPS), XMP and IPTC
        let original = try Fixtures.bytes("gps-xmp-iptc.jpg")
        // When it is sanitized
        let (info, out) = try sanitize(original)
        // Then the identifying segments are gone and the scan data is byte-identical
        #expect(info.removed.contains("APP1 Exif"))
        #expect(info.removed.contains("APP1 XMP"))
        #expect(info.removed.contains("APP13 Photoshop/IPTC"))
        for marker in ["Exif", "GPS", "http://ns.adobe.com", "Photoshop 3.0", "8BIM", "Jane Doe"] {
            #expect(!contains(out, marker), "\(marker) left in the output")
        }
        #expect(scanData(out) == scanData(original))
        #expect(info.exif != nil)
        #expect(Int(info.outputLength) == out.count)
    }

    @Test func keepsTheICCProfile() throws {
        let original = try Fixtures.bytes("icc.jpg")
        let (info, out) = try sanitize(original)
        let icc = try #require(info.iccProfile)
        #expect(icc.count > 128)
        #expect(Array(icc[36..<40]) == Array("acsp".utf8))  // ICC.1 §7.2.5 profile file signature
        #expect(contains(out, "ICC_PROFILE"))
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func chunkBoundariesDoNotChangeTheResult(step: Int) throws {
        let original = try Fixtures.bytes("gps-xmp-iptc.jpg")
        let (_, whole) = try sanitize(original)
        let (_, trickled) = try sanitize(original, step: step)
        #expect(trickled == whole)
    }

    @Test func dropsBytesAfterEOI() throws {
        let original = try Fixtures.bytes("baseline-420.jpg")
        let (info, out) = try sanitize(original + Array("trailing maker data".utf8))
        #expect(info.trailingBytesDropped == 19)
        #expect(out.suffix(2) == [0xFF, 0xD9])
    }

    @Test func removesTheJFIFThumbnail() throws {
        // SOI, APP0 JFIF with a 1x1 RGB thumbnail, then the body of a real JPEG
        let body = try Fixtures.bytes("odd-length.jpg")
        let app0Length = Int(body[4]) << 8 | Int(body[5])
        var jfif: [UInt8] = Array("JFIF\0".utf8) + [1, 2, 0, 0, 1, 0, 1, 1, 1, 0xAA, 0xBB, 0xCC]
        jfif = [0xFF, 0xE0, 0, UInt8(jfif.count + 2)] + jfif
        let photo = [0xFF, 0xD8] + jfif + Array(body[(4 + app0Length)...])
        let (info, out) = try sanitize(photo)
        #expect(info.removed.contains("APP0 JFIF thumbnail"))
        #expect(!contains(out, [0xAA, 0xBB, 0xCC]))
        #expect(out[4...5] == [0, 16])
    }

    @Test func readsTheFrameHeader() throws {
        let (info, _) = try sanitize(try Fixtures.bytes("baseline-420.jpg"))
        #expect(info.frame.isBaseline)
        #expect(info.frame.columns == 64 && info.frame.rows == 48)
        #expect(info.frame.components.count == 3)
        #expect(info.frame.isSubsampled)
        let (p, _) = try sanitize(try Fixtures.bytes("progressive.jpg"))
        #expect(p.frame.marker == 0xC2 && !p.frame.isBaseline && p.frame.isTranscodable)
        #expect(p.scanCount > 1)
        let (g, _) = try sanitize(try Fixtures.bytes("grey.jpg"))
        #expect(g.frame.components.count == 1)
    }

    @Test func refusesWhatIsNotAWholeJPEG() throws {
        let cases: [(String, String)] = [
            ("truncated.jpg", "truncated JPEG"),
            ("text.jpg", "not a JPEG"),
        ]
        for (name, message) in cases {
            let error = #expect(throws: PGError.self) { try sanitize(try Fixtures.bytes(name)) }
            #expect(error?.description.contains(message) == true, "\(name): \(String(describing: error))")
        }
        #expect(throws: PGError.self) { try sanitize([0xFF, 0xD8, 0xFF, 0xD9]) }
        #expect(throws: PGError.self) { try sanitize([0xFF, 0xD8, 0xFF, 0xE1, 0xFF]) }
    }

    @Test func lengthsNeverReadPastTheEnd() throws {
        // Every prefix of a real JPEG is refused cleanly, never a crash.
        let original = try Fixtures.bytes("gps-xmp-iptc.jpg")
        for cut in stride(from: 0, to: original.count - 2, by: 7) {
            #expect(throws: PGError.self) { try sanitize(Array(original[..<cut])) }
        }
    }

    @Test func frameCheckRunsBeforeImageDataIsCopied() throws {
        let huge = try Fixtures.bytes("huge-dimensions.jpg")
        var source = MemoryByteSource(huge)
        var sink = MemoryByteSink()
        var seen: JPEGFrame?
        #expect(throws: PGError.self) {
            _ = try JPEGSanitizer().sanitize(from: &source, to: &sink) { frame in
                seen = frame
                throw PGError(.imageTooLarge, "too large")
            }
        }
        #expect(seen?.columns == 65535 && seen?.rows == 65535)
        #expect(!contains(sink.bytes, [0xFF, 0xDA]))
    }
}
