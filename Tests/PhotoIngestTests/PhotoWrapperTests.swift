import DICOM
import Foundation
import ImageCodec
import PhotoFormats
import PhotoGateCore
import PhotoIngest
import TestSupport
import Testing

struct PhotoWrapperTests {
    @Test(arguments: WrapFixture.all)
    func outputPassesDciodvfyWithoutErrorsOrWarnings(fixture: WrapFixture) throws {
        let (result, _) = try wrapFixture(fixture.name)
        #expect(try dciodvfyProblems(result.outputPath) == [])
    }

    @Test(arguments: WrapFixture.all)
    func dcmdumpReadsTheOutput(fixture: WrapFixture) throws {
        let (result, _) = try wrapFixture(fixture.name)
        let out = try Tool.run("dcmdump", ["+E", result.outputPath])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("=VLPhotographicImageStorage"))
        #expect(out.stdout.contains("[12345]"))
        #expect(out.stdout.contains("(0002,0012) UI [\(DicomToolkit.implementationClassUID)]"))
    }

    @Test(arguments: WrapFixture.all)
    func decodedPixelsMatchTheUprightSource(fixture: WrapFixture) throws {
        // Given the source decoded by libturbojpeg/libpng and made upright in memory
        let source = try Fixtures.bytes(fixture.name)
        let expected: Raster
        if fixture.name.hasSuffix(".png") {
            expected = try PNGCodec.decode(source, maxPixels: 1 << 30).raster
        } else {
            expected = try JPEGCodec.decode(source, maxPixels: 1 << 30).raster.oriented(fixture.orientation)
        }
        // When the wrapped object is decoded by DCMTK
        let (result, _) = try wrapFixture(fixture.name)
        let image = try decodedByDCMTK(result.outputPath)
        // Then size and pixels agree (two JPEG decoders differ by rounding; re-encodes by more)
        #expect(image.width == expected.width && image.height == expected.height)
        #expect(image.samples == expected.samples)
        let diff = PixelDifference(image.pixels, expected.pixels)
        switch fixture.pixels {
        case .native: #expect(diff.max == 0, "\(diff)")
        case .untouched, .losslessTransform: #expect(diff.mean < 1.5, "\(diff)")
        case .reencoded: #expect(diff.mean < 3.0, "\(diff)")
        }
    }

    @Test(arguments: WrapFixture.all.filter { $0.pixels != .native })
    func noExifGpsXmpOrIptcBytesRemainInThePixelData(fixture: WrapFixture) throws {
        let (result, _) = try wrapFixture(fixture.name)
        let file = try DicomFile(path: result.outputPath)
        #expect(file.fragments?.count == 1)
        let fragment = try file.fragment(0)
        #expect(fragment.count % 2 == 0)
        #expect(fragment.prefix(2) == [0xFF, 0xD8])
        for marker in ["Exif", "GPS", "http://ns.adobe.com", "Photoshop", "8BIM"] {
            #expect(!contains(fragment, Array(marker.utf8)), "\(marker) found in the fragment")
        }
        #expect(!contains(fragment, [0xFF, 0xE1]) || !contains(fragment, Array("Exif".utf8)))
    }

    @Test(arguments: WrapFixture.all.filter { $0.pixels == .untouched })
    func entropyCodedDataIsByteIdenticalWithoutATransform(fixture: WrapFixture) throws {
        let original = try Fixtures.bytes(fixture.name)
        let (result, _) = try wrapFixture(fixture.name)
        let fragment = try DicomFile(path: result.outputPath).fragment(0)
        #expect(scanData(fragment) == scanData(original))
        #expect(result.derivation == nil)
        #expect(result.transferSyntaxUID == "1.2.840.10008.1.2.4.50")
    }

    @Test(arguments: WrapFixture.all)
    func imageTypeSaysWhetherPixelsWereReencoded(fixture: WrapFixture) throws {
        let (result, _) = try wrapFixture(fixture.name)
        let type = try DicomFile(path: result.outputPath).string(DicomTag.imageType)
        if fixture.pixels == .reencoded {
            #expect(type == "DERIVED\\PRIMARY")
            #expect(result.derivation?.contains("quality 95") == true)
        } else {
            #expect(type == "ORIGINAL\\PRIMARY")
        }
    }

    @Test func oddLengthJPEGIsPaddedWithOneZeroByte() throws {
        let original = try Fixtures.bytes("odd-length.jpg")
        #expect(original.count % 2 == 1)
        let (result, _) = try wrapFixture("odd-length.jpg")
        let fragment = try DicomFile(path: result.outputPath).fragment(0)
        #expect(fragment.count == original.count + 1)
        #expect(fragment.last == 0)
        #expect(Array(fragment.dropLast()) == original)
    }

    @Test func iccProfileIsKeptAndWrittenToTheHeader() throws {
        let (result, _) = try wrapFixture("icc.jpg")
        var sink = MemoryByteSink()
        var source = MemoryByteSource(try Fixtures.bytes("icc.jpg"))
        let icc = try #require(try JPEGSanitizer().sanitize(from: &source, to: &sink).iccProfile)
        let file = try DicomFile(path: result.outputPath)
        #expect(file.length(0x0028_2000) == UInt64(icc.count + icc.count % 2))
        #expect(contains(try file.fragment(0), Array("ICC_PROFILE".utf8)))
    }

    @Test func exifTimeAndCameraReachTheHeader() throws {
        let (result, _) = try wrapFixture("gps-xmp-iptc.jpg", patientName: "Müller^Jürgen")
        let file = try DicomFile(path: result.outputPath)
        #expect(file.string(DicomTag.acquisitionDateTime) == "20240517140322.25+0200")
        #expect(file.string(DicomTag.contentDate) == "20240517")
        #expect(file.string(DicomTag.manufacturer) == "PhotoCam")
        #expect(file.string(DicomTag.manufacturerModelName) == "PC-1")
        #expect(file.string(DicomTag.patientName) == "Müller^Jürgen")
        #expect(file.string(DicomTag.specificCharacterSet) == "ISO_IR 192")
        #expect(file.string(DicomTag.modality) == "XC")
        #expect(file.string(0x0008_0100, inSequence: 0x0008_2218, item: 0) == "85562004")
        #expect(file.string(DicomTag.imageLaterality) == "L")
        #expect(result.uids.sopInstance.hasPrefix("1.2.826.0.1.3680043.10.999."))
        #expect(!result.uids.study.hasPrefix("1.2.276.0.7230010"))  // never DCMTK's root
    }

    @Test(arguments: siteMappings.bodySites.sites.map(\.bodyPartExamined))
    func everyKnownBodySitePassesDciodvfy(bodyPart: String) throws {
        let (result, _) = try wrapFixture("baseline-420.jpg", bodyPart: bodyPart, laterality: nil)
        #expect(try dciodvfyProblems(result.outputPath) == [])
    }

    @Test func withoutBodyPartTheOutputIsStillValid() throws {
        let (result, _) = try wrapFixture("baseline-420.jpg", bodyPart: nil, laterality: nil)
        #expect(try dciodvfyProblems(result.outputPath) == [])
    }

    @Test(arguments: ["empty.jpg", "truncated.jpg", "text.jpg", "huge-dimensions.jpg"])
    func badInputLeavesNoFileBehind(name: String) throws {
        let dir = try Fixtures.scratchDirectory()
        let wrapper = PhotoWrapper(uids: try DicomUIDGenerator(root: nil))
        #expect(throws: PGError.self) {
            try wrapper.wrap(inputPath: Fixtures.photo(name),
                             patient: try PatientContext(patientID: "1", patientName: "Doe^Jane"),
                             photo: try PhotoContext(), outputPath: dir + "/out.dcm")
        }
        #expect(Fixtures.listing(dir) == [])
    }

    @Test(arguments: ["baseline-420.jpg", "odd-length.jpg", "orient-6.jpg"])
    func streamingThroughAScratchFileGivesTheSameFragment(name: String) throws {
        // Given the size threshold that sends every photo through the scratch-file path
        var streaming = WrapLimits()
        streaming.inMemoryJPEGBytes = 0
        // When the same photo is wrapped both ways
        let (inMemory, _) = try wrapFixture(name)
        let (streamed, dir) = try wrapFixture(name, limits: streaming)
        // Then the pixel data is identical, the object valid, and no scratch file is left
        #expect(try DicomFile(path: streamed.outputPath).fragment(0) == DicomFile(path: inMemory.outputPath).fragment(0))
        #expect(try dciodvfyProblems(streamed.outputPath) == [])
        #expect(Fixtures.listing(dir) == ["out.dcm"])
    }

    @Test func successLeavesOnlyTheOutputFile() throws {
        let (_, dir) = try wrapFixture("orient-8.jpg")
        #expect(Fixtures.listing(dir) == ["out.dcm"])
    }
}

func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count, !needle.isEmpty else { return false }
    return (0...haystack.count - needle.count).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
}

/// Bytes from the first SOS marker to the end of the last EOI, found by a plain search.
func scanData(_ jpeg: [UInt8]) -> ArraySlice<UInt8> {
    let sos = (0..<jpeg.count - 1).first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA }!
    let eoi = (sos..<jpeg.count - 1).last { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xD9 }!
    return jpeg[sos...eoi + 1]
}
