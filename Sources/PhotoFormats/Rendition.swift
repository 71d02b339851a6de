import PhotoGateCore

/// The consent-stamped JPEG handed out for publication (website, social media, …).
///
/// ```
///  SOI  APP0 JFIF  APP1 XMP (consent)  APP2 ICC_PROFILE …  DQT DHT SOF  SOS <entropy-coded data>  EOI
///                  ^ inserted          kept by the sanitizer; entropy-coded data byte-identical
/// ```
/// Whatever the input carries — EXIF (GPS included), earlier XMP, IPTC, comments, trailers —
/// is removed by ``JPEGSanitizer``; the only metadata left besides JFIF, ICC and Adobe APP14
/// is the consent packet of ``XMPPacket/consent(_:)``. The image is not re-encoded and not
/// rotated: the input is expected upright (as PhotoGate stores it), since the EXIF
/// orientation tag is removed with the rest of EXIF.
public enum Rendition {
    /// Makes the publication rendition of a JPEG for one consent.
    ///
    /// A trailing 0x00 after EOI is dropped first: DICOM pads odd-length fragments to an
    /// even length (PS3.5 §A.4), so a JPEG taken from a fragment may carry it. (The
    /// sanitizer drops anything after EOI as well; the pad is expected, not a trailer.)
    ///
    /// - Throws: the sanitizer's `PGError` when the bytes are not a whole JPEG;
    ///   `.invalidAttribute` when the consent packet does not fit in one APP1 segment.
    public static func make(cleanJPEG: [UInt8], consent: RenditionConsent) throws -> [UInt8] {
        var input = cleanJPEG
        if input.count >= 3, input[input.count - 3] == 0xFF, input[input.count - 2] == 0xD9, input.last == 0x00 {
            input.removeLast()
        }
        var source = MemoryByteSource(input)
        var sink = MemoryByteSink()
        _ = try JPEGSanitizer().sanitize(from: &source, to: &sink)
        return try JPEGSegments.insertingXMP(XMPPacket.consent(consent), into: sink.bytes)
    }
}
