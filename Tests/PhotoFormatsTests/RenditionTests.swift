import Foundation
import PhotoFormats
import PhotoGateCore
import TestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `exiftool -j -G1 -a -struct` on the bytes, as one dictionary keyed `Group:Tag`; `-n`
/// gives the raw values instead of the printed ones.
private func exiftool(_ jpeg: [UInt8], raw: Bool = false) throws -> [String: Any] {
    let dir = try Fixtures.scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/rendition.jpg"
    try Data(jpeg).write(to: URL(fileURLWithPath: path))
    let out = try Tool.run("exiftool", ["-j", "-G1", "-a"] + (raw ? ["-n"] : []) + [path])
    #expect(out.status == 0, "exiftool: \(out.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]]
    return try #require(json?.first)
}

/// True when a strict XML parser reads the text without error.
private func isWellFormedXML(_ text: String) -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse()
}

private func date(_ iso: String) -> Date {
    try! Date(iso, strategy: .iso8601)
}

private let websiteConsent = RenditionConsent(
    assetID: "asset-0001", consentID: "consent-42", consentStatus: "active", channel: "website",
    permittedChannels: ["website", "social-media"],
    validFrom: date("2026-11-22T10:00:00Z"), validUntil: date("2027-11-22T10:00:00Z"),
    decidedAt: date("2026-11-21T09:30:15Z"), allChannelsUnlimited: false)

struct RenditionTests {
    @Test func stampsTheConsentAsXMPThatExiftoolReads() throws {
        // Given a photo with EXIF (GPS), XMP and IPTC, and a consent limited to two channels
        let original = try Fixtures.bytes("gps-xmp-iptc.jpg")
        // When the website rendition is made
        let rendition = try Rendition.make(cleanJPEG: original, consent: websiteConsent)
        // Then exiftool reads the PLUS release status and every consent value
        let tags = try exiftool(rendition)
        #expect(tags["XMP-plus:ModelReleaseStatus"] as? String == "Limited or Incomplete Model Releases")
        #expect(tags["XMP-plus:ModelReleaseID"] as? String == "consent-42")
        #expect(tags["XMP-pgc:AssetID"] as? String == "asset-0001")
        #expect(tags["XMP-pgc:ConsentID"] as? String == "consent-42")
        #expect(tags["XMP-pgc:ConsentStatus"] as? String == "active")
        #expect(tags["XMP-pgc:Channel"] as? String == "website")
        #expect(tags["XMP-pgc:PermittedChannels"] as? [String] == ["website", "social-media"])
        // exiftool prints XMP dates in EXIF style; the raw values are checked below
        #expect(tags["XMP-pgc:ValidFrom"] as? String == "2026:11:22 10:00:00Z")
        #expect(tags["XMP-pgc:ValidUntil"] as? String == "2027:11:22 10:00:00Z")
        #expect(tags["XMP-pgc:DecidedAt"] as? String == "2026:11:21 09:30:15Z")
        #expect(tags["ExifTool:Warning"] == nil, "\(tags["ExifTool:Warning"] ?? "")")
        #expect(tags["File:ImageWidth"] as? Int == 64 && tags["File:ImageHeight"] as? Int == 48)
        let raw = try exiftool(rendition, raw: true)
        #expect(raw["XMP-plus:ModelReleaseStatus"] as? String == "MR-LMR")
    }

    @Test func writesTheXMPDatesAsISO8601InUTC() {
        let packet = XMPPacket.consent(websiteConsent)
        #expect(packet.contains("<pgc:ValidFrom>2026-11-22T10:00:00Z</pgc:ValidFrom>"))
        #expect(packet.contains("<pgc:ValidUntil>2027-11-22T10:00:00Z</pgc:ValidUntil>"))
        #expect(packet.contains("<pgc:DecidedAt>2026-11-21T09:30:15Z</pgc:DecidedAt>"))
        #expect(packet.hasPrefix("<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"))
        #expect(packet.hasSuffix("<?xpacket end=\"w\"?>"))
    }

    @Test func unlimitedConsentWithoutDatesIsAnUnlimitedModelRelease() throws {
        // Given a consent for every channel with no validity window
        var consent = websiteConsent
        consent.allChannelsUnlimited = true
        consent.validFrom = nil
        consent.validUntil = nil
        // When the rendition is made
        let rendition = try Rendition.make(cleanJPEG: try Fixtures.bytes("baseline-420.jpg"), consent: consent)
        // Then the release is unlimited and the validity dates are absent
        let tags = try exiftool(rendition)
        #expect(tags["XMP-plus:ModelReleaseStatus"] as? String == "Unlimited Model Releases")
        #expect(tags["XMP-pgc:ValidFrom"] == nil)
        #expect(tags["XMP-pgc:ValidUntil"] == nil)
        #expect(tags["XMP-pgc:DecidedAt"] as? String == "2026:11:21 09:30:15Z")
    }

    @Test func removesGPSExifXMPAndIPTCOfTheInput() throws {
        // Given a photo whose GPS, EXIF and IPTC exiftool sees
        let original = try Fixtures.bytes("gps-xmp-iptc.jpg")
        let before = try exiftool(original)
        #expect(before["GPS:GPSLatitude"] != nil && before["XMP-exif:GPSLatitude"] != nil)
        #expect(before["IFD0:Make"] != nil && before["ExifIFD:DateTimeOriginal"] != nil)
        #expect(before["File:CurrentIPTCDigest"] != nil)
        // When the rendition is made
        let rendition = try Rendition.make(cleanJPEG: original, consent: websiteConsent)
        // Then none of it is left, and the consent packet is the only XMP
        let after = try exiftool(rendition)
        let leaked = after.keys.filter { key in
            key.contains("GPS") || ["IFD0:", "IFD1:", "ExifIFD:", "XMP-exif:", "XMP-tiff:", "IPTC:", "Photoshop:"]
                .contains { key.hasPrefix($0) } || key == "File:CurrentIPTCDigest" || key == "File:ExifByteOrder"
        }
        #expect(leaked.isEmpty, "left in the rendition: \(leaked.sorted())")
        for marker in ["Exif\0", "Photoshop 3.0", "8BIM", "Jane Doe", "GPSLatitude"] {
            #expect(!contains(rendition, marker), "\(marker) left in the rendition")
        }
        let signature = Array("http://ns.adobe.com/xap/1.0/\0".utf8)
        let xmpSegments = (0...rendition.count - signature.count).filter {
            rendition[$0..<$0 + signature.count].elementsEqual(signature)
        }
        #expect(xmpSegments.count == 1)
    }

    @Test(arguments: [
        "c<1>&2",
        "\"quoted\" & 'apostrophes'",
        "</pgc:ConsentID><pgc:Injected>x</pgc:Injected>",
        "]]> & &amp; literally",
    ])
    func xmlSpecialCharactersInTheConsentIDRoundTrip(consentID: String) throws {
        // Given a consent id full of XML syntax
        var consent = websiteConsent
        consent.consentID = consentID
        // When the rendition is made
        let rendition = try Rendition.make(cleanJPEG: try Fixtures.bytes("gps-xmp-iptc.jpg"), consent: consent)
        // Then the packet is well-formed XML and exiftool reads the id back unchanged
        #expect(isWellFormedXML(XMPPacket.consent(consent)))
        let tags = try exiftool(rendition)
        #expect(tags["XMP-pgc:ConsentID"] as? String == consentID)
        #expect(tags["XMP-plus:ModelReleaseID"] as? String == consentID)
        #expect(tags["XMP-pgc:Injected"] == nil)
    }

    @Test func replacesCharactersXMLCannotCarry() {
        var consent = websiteConsent
        consent.assetID = "a\u{1}b\rc"
        let packet = XMPPacket.consent(consent)
        #expect(packet.contains("<pgc:AssetID>a\u{FFFD}b&#xD;c</pgc:AssetID>"))
        #expect(isWellFormedXML(packet))
    }

    @Test(arguments: ["gps-xmp-iptc.jpg", "baseline-444.jpg", "grey.jpg", "progressive.jpg"])
    func entropyCodedDataIsUnchanged(photo: String) throws {
        let original = try Fixtures.bytes(photo)
        let rendition = try Rendition.make(cleanJPEG: original, consent: websiteConsent)
        #expect(scanData(rendition) == scanData(original))
    }

    @Test func putsTheXMPRightAfterJFIF() throws {
        let rendition = try Rendition.make(cleanJPEG: try Fixtures.bytes("gps-xmp-iptc.jpg"), consent: websiteConsent)
        #expect(rendition[0...3] == [0xFF, 0xD8, 0xFF, 0xE0])
        let app1 = 4 + (Int(rendition[4]) << 8 | Int(rendition[5]))
        #expect(rendition[app1...app1 + 1] == [0xFF, 0xE1])
        #expect(rendition[(app1 + 4)...].starts(with: Array("http://ns.adobe.com/xap/1.0/\0<?xpacket begin=".utf8)))
        let length = Int(rendition[app1 + 2]) << 8 | Int(rendition[app1 + 3])
        #expect(length == 2 + 29 + XMPPacket.consent(websiteConsent).utf8.count)
    }

    @Test func keepsTheICCProfile() throws {
        let rendition = try Rendition.make(cleanJPEG: try Fixtures.bytes("icc.jpg"), consent: websiteConsent)
        let tags = try exiftool(rendition)
        #expect(tags["ICC-header:ProfileFileSignature"] as? String == "acsp")
        #expect(tags["XMP-plus:ModelReleaseStatus"] != nil)
    }

    @Test func dropsTheDICOMPadByteAfterEOI() throws {
        // Given the JPEG of an odd-length DICOM fragment, padded with one 0x00
        let original = try Fixtures.bytes("odd-length.jpg")
        #expect(original.count % 2 == 1)
        // When renditions are made with and without the pad
        let padded = try Rendition.make(cleanJPEG: original + [0x00], consent: websiteConsent)
        let plain = try Rendition.make(cleanJPEG: original, consent: websiteConsent)
        // Then they are the same and end with EOI
        #expect(padded == plain)
        #expect(padded.suffix(2) == [0xFF, 0xD9])
    }

    @Test func tooLargeAPacketIsRefused() throws {
        let jpeg = try Fixtures.bytes("baseline-420.jpg")
        // The largest packet that fits in one APP1 segment goes in, one byte more does not
        let fits = try JPEGSegments.insertingXMP(String(repeating: "a", count: 65_504), into: jpeg)
        #expect(fits.count == jpeg.count + 4 + 29 + 65_504)
        let error = #expect(throws: PGError.self) {
            try JPEGSegments.insertingXMP(String(repeating: "a", count: 65_505), into: jpeg)
        }
        #expect(error?.code == .invalidAttribute)
        // A consent listing too many channels is refused the same way
        var consent = websiteConsent
        consent.permittedChannels = (0..<3_000).map { "channel-\($0)" }
        let fromRendition = #expect(throws: PGError.self) { try Rendition.make(cleanJPEG: jpeg, consent: consent) }
        #expect(fromRendition?.code == .invalidAttribute)
    }

    @Test func refusesWhatIsNotAJPEG() throws {
        let error = #expect(throws: PGError.self) {
            try Rendition.make(cleanJPEG: try Fixtures.bytes("text.jpg"), consent: websiteConsent)
        }
        #expect(error?.code == .unsupportedFormat)
        #expect(throws: PGError.self) { try JPEGSegments.insertingXMP("<x/>", into: Array("GIF89a".utf8)) }
    }
}
