import PhotoFormats
import TestSupport
import Testing

func exifOf(_ name: String) throws -> ExifMetadata {
    var sink = MemoryByteSink()
    var source = MemoryByteSource(try Fixtures.bytes(name))
    let info = try JPEGSanitizer().sanitize(from: &source, to: &sink)
    return ExifMetadata(tiff: try #require(info.exif))
}

struct ExifMetadataTests {
    @Test func readsOrientationTimeAndCamera() throws {
        let exif = try exifOf("orient-6.jpg")
        #expect(exif.orientation == .rotate90Clockwise)
        #expect(exif.dateTimeOriginal == "2024:05:17 14:03:22")
        #expect(exif.subSecTimeOriginal == "25")
        #expect(exif.offsetTimeOriginal == "+02:00")
        #expect(exif.make == "PhotoCam")
        #expect(exif.model == "PC-1")
        #expect(try exifOf("orient-3.jpg").orientation == .rotate180)
        #expect(try exifOf("orient-8.jpg").orientation == .rotate270Clockwise)
        #expect(try exifOf("baseline-420.jpg").orientation == .normal)
    }

    @Test func survivesDamagedStructures() throws {
        // Given the real EXIF block, corrupt bytes at many positions: parsing never traps.
        var sink = MemoryByteSink()
        var source = MemoryByteSource(try Fixtures.bytes("gps-xmp-iptc.jpg"))
        let tiff = try #require(try JPEGSanitizer().sanitize(from: &source, to: &sink).exif)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var damaged = tiff
            for _ in 0..<4 { damaged[Int.random(in: 0..<damaged.count, using: &generator)] = .random(in: 0...255) }
            _ = ExifMetadata(tiff: damaged)
            _ = ExifMetadata(tiff: Array(damaged.prefix(Int.random(in: 0...damaged.count))))
        }
        #expect(ExifMetadata(tiff: []).orientation == .normal)
        #expect(ExifMetadata(tiff: Array("II*\0\u{FF}\u{FF}\u{FF}\u{FF}".utf8)).orientation == .normal)
    }
}
