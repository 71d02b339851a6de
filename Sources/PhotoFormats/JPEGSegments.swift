import PhotoGateCore

/// Small edits of a JPEG's marker structure.
public enum JPEGSegments {
    /// Inserts an ICC profile as APP2 `ICC_PROFILE` chunks (ICC.1 Annex B.4: at most 65,519
    /// profile bytes per chunk) after SOI and any APP0.
    public static func insertingICCProfile(_ icc: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
        guard jpeg.count > 4, !icc.isEmpty else { return jpeg }
        let chunkSize = 65_519
        let chunks = stride(from: 0, to: icc.count, by: chunkSize).map { Array(icc[$0..<min($0 + chunkSize, icc.count)]) }
        guard chunks.count <= 255 else { return jpeg }
        var segments: [UInt8] = []
        for (i, chunk) in chunks.enumerated() {
            let length = 2 + 12 + 2 + chunk.count
            segments += [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)]
            segments += Array("ICC_PROFILE\0".utf8) + [UInt8(i + 1), UInt8(chunks.count)] + chunk
        }
        var insertAt = 2
        if jpeg[2] == 0xFF, jpeg[3] == 0xE0, jpeg.count > 6 {
            insertAt = 4 + (Int(jpeg[4]) << 8 | Int(jpeg[5]))
        }
        guard insertAt <= jpeg.count else { return jpeg }
        return Array(jpeg[..<insertAt]) + segments + Array(jpeg[insertAt...])
    }

    /// Namespace signature that starts an XMP APP1 payload (XMP Part 3 §1.1.3, JPEG).
    static let xmpSignature = Array("http://ns.adobe.com/xap/1.0/\0".utf8)

    /// Largest XMP packet that fits in one APP1 segment: 65,533 payload bytes (the length
    /// field counts itself) less the 29-byte signature.
    public static let maxXMPPacketBytes = 65_533 - 29

    /// Inserts an XMP packet as an APP1 segment (`http://ns.adobe.com/xap/1.0/\0` + the
    /// packet in UTF-8, XMP Part 3 §1.1.3) after SOI and any APP0 segments, which JFIF
    /// requires to come first. The packet is inserted as is: callers remove any earlier XMP.
    ///
    /// - Throws: `PGError(.invalidAttribute)` when the packet is larger than
    ///   ``maxXMPPacketBytes`` (Extended XMP, split over several segments, is not written);
    ///   `.unsupportedFormat` when the bytes do not start with SOI; `.malformedImage` when
    ///   an APP0 length runs past the end.
    public static func insertingXMP(_ packet: String, into jpeg: [UInt8]) throws -> [UInt8] {
        let packetBytes = Array(packet.utf8)
        guard packetBytes.count <= maxXMPPacketBytes else {
            throw PGError(.invalidAttribute,
                          "XMP packet of \(packetBytes.count) bytes does not fit in one JPEG APP1 segment (at most \(maxXMPPacketBytes))")
        }
        guard jpeg.count >= 4, jpeg[0] == 0xFF, jpeg[1] == 0xD8 else {
            throw PGError(.unsupportedFormat, "not a JPEG (no SOI marker at the start)")
        }
        var insertAt = 2
        while insertAt + 4 <= jpeg.count, jpeg[insertAt] == 0xFF, jpeg[insertAt + 1] == 0xE0 {
            let length = Int(jpeg[insertAt + 2]) << 8 | Int(jpeg[insertAt + 3])
            guard length >= 2, insertAt + 2 + length <= jpeg.count else {
                throw PGError(.malformedImage, "malformed JPEG: APP0 segment runs past the end of the data")
            }
            insertAt += 2 + length
        }
        let length = 2 + xmpSignature.count + packetBytes.count
        var out: [UInt8] = []
        out.reserveCapacity(jpeg.count + 2 + length)
        out += jpeg[..<insertAt]
        out += [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)]
        out += xmpSignature
        out += packetBytes
        out += jpeg[insertAt...]
        return out
    }
}
