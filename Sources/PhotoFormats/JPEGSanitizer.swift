import Foundation
import PhotoGateCore

/// Copies a JPEG from a source to a sink, keeping only what is needed to decode it and
/// dropping every segment that can carry identifying data, without touching the
/// entropy-coded data.
///
/// ```
///  SOI  [APPn | COM | DQT | DHT | DRI | SOFn ...]  SOS <entropy-coded data>  [DHT SOS ...]  EOI  [trailer]
///        kept: APP0 JFIF (thumbnail removed), APP2 ICC_PROFILE, APP14 Adobe,
///              SOFn, DQT, DHT, DAC, DRI, DNL, DHP, EXP, SOS + entropy data, EOI
///        dropped: APP1 (Exif, XMP), APP13 (IPTC), other APPn, COM, reserved markers, trailer
/// ```
/// Marker syntax per ITU-T T.81 Annex B; 0xFF00 stuffing and RSTn are entropy data (§B.1.1.5).
/// The source is read in 1 MiB chunks, so memory use does not grow with the photo.
public struct JPEGSanitizer {
    /// Most bytes of marker segments accepted before the first scan (ICC profiles may span
    /// up to 255 APP2 segments).
    public var maxHeaderBytes = 16 << 20
    /// Most marker segments in one file.
    public var maxSegments = 100_000

    public init() {}

    /// - Parameter checkFrame: called with the frame header as soon as it is read, before
    ///   any image data is copied; throw to refuse the image (size limits, processes).
    public func sanitize<Source: ByteSource, Sink: ByteSink>(
        from source: inout Source, to sink: inout Sink, checkFrame: (JPEGFrame) throws -> Void = { _ in }
    ) throws -> JPEGInfo {
        var reader = ChunkReader(source: source)
        defer { source = reader.source }
        var out = CountingSink(sink: sink)
        defer { sink = out.sink }

        guard try reader.readByte() == 0xFF, try reader.readByte() == 0xD8 else {
            throw PGError(.unsupportedFormat, "not a JPEG (no SOI marker at the start)")
        }
        try out.write([0xFF, 0xD8])

        var frame: JPEGFrame?
        var adobe: UInt8?
        var exif: [UInt8]?
        var iccChunks: [Int: [UInt8]] = [:]
        var removed: [String] = []
        var scans = 0
        var headerBytes = 0
        var segments = 0
        var pending: UInt8? = nil

        while true {
            let marker = try pending ?? reader.readMarker()
            pending = nil
            segments += 1
            guard segments <= maxSegments else { throw JPEGError.malformed("more than \(maxSegments) marker segments") }

            switch marker {
            case 0xD9:  // EOI
                guard scans > 0 else { throw JPEGError.malformed("EOI before any image data (SOS)") }
                try out.write([0xFF, 0xD9])
                guard let frame else { throw JPEGError.malformed("no frame header") }
                let trailer = try reader.skipToEnd()
                if trailer > 0 { removed.append("\(trailer) bytes after EOI") }
                return JPEGInfo(frame: frame, adobeTransform: adobe, exif: exif,
                                iccProfile: Self.assembleICC(iccChunks), scanCount: scans, removed: removed,
                                trailingBytesDropped: trailer, outputLength: out.count)
            case 0xD8:
                throw JPEGError.malformed("second SOI marker")
            case 0x01, 0xD0...0xD7:  // TEM, RSTn outside a scan: no length, harmless
                try out.write([0xFF, marker])
                continue
            default:
                break
            }

            let payload = try reader.readSegmentPayload(marker: marker)
            if scans == 0 {
                headerBytes += payload.count + 4
                guard headerBytes <= maxHeaderBytes else {
                    throw JPEGError.malformed("more than \(maxHeaderBytes >> 20) MiB of marker segments before the image data")
                }
            }

            switch marker {
            case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:  // SOFn
                guard frame == nil else { throw JPEGError.malformed("more than one frame header (SOF)") }
                let parsed = try JPEGFrame.parse(marker: marker, payload: payload)
                try checkFrame(parsed)
                frame = parsed
                try out.writeSegment(marker, payload)
            case 0xC4, 0xCC, 0xDB, 0xDD, 0xDC, 0xDE, 0xDF:  // DHT DAC DQT DRI DNL DHP EXP
                try out.writeSegment(marker, payload)
            case 0xDA:  // SOS: header, then entropy-coded data up to the next marker
                guard frame != nil else { throw JPEGError.malformed("image data (SOS) before the frame header (SOF)") }
                scans += 1
                try out.writeSegment(marker, payload)
                pending = try reader.copyEntropyData(to: &out)
            case 0xE0:
                if payload.starts(with: Array("JFIF\0".utf8)), payload.count >= 14 {
                    // JFIF 1.02: version(2) units(1) density(4) thumbnail w,h(2) + RGB thumbnail.
                    var jfif = Array(payload[0..<14])
                    if jfif[12] != 0 || jfif[13] != 0 { removed.append("APP0 JFIF thumbnail") }
                    jfif[12] = 0
                    jfif[13] = 0
                    try out.writeSegment(marker, jfif)
                } else {
                    removed.append("APP0 " + Self.label(payload))
                }
            case 0xE1:
                if payload.starts(with: Array("Exif\0".utf8)), payload.count > 6 {
                    if exif == nil { exif = Array(payload[6...]) }
                    removed.append("APP1 Exif")
                } else if payload.starts(with: Array("http://ns.adobe.com/xap/1.0/".utf8))
                            || payload.starts(with: Array("http://ns.adobe.com/xmp/extension/".utf8)) {
                    removed.append("APP1 XMP")
                } else {
                    removed.append("APP1 " + Self.label(payload))
                }
            case 0xE2 where payload.starts(with: Array("ICC_PROFILE\0".utf8)) && payload.count > 14:
                iccChunks[Int(payload[12])] = Array(payload[14...])
                try out.writeSegment(marker, payload)
            case 0xEE where payload.starts(with: Array("Adobe".utf8)) && payload.count >= 12:
                adobe = payload[11]
                try out.writeSegment(marker, payload)
            case 0xED:
                removed.append("APP13 Photoshop/IPTC")
            case 0xE2...0xEF:
                removed.append(String(format: "APP%d ", Int(marker) - 0xE0) + Self.label(payload))
            case 0xFE:
                removed.append("COM")
            default:  // JPGn, reserved
                removed.append(String(format: "reserved marker 0x%02X", marker))
            }
        }
    }

    /// The identifier string at the start of an APPn payload, for reporting.
    static func label(_ payload: [UInt8]) -> String {
        let id = payload.prefix(while: { $0 != 0 }).prefix(24)
        let text = String(decoding: id, as: UTF8.self).filter { $0.isASCII && !$0.isNewline }
        return text.isEmpty ? "(unlabelled)" : text
    }

    /// Concatenates ICC chunks 1...n in order; nil when incomplete or inconsistent.
    static func assembleICC(_ chunks: [Int: [UInt8]]) -> [UInt8]? {
        guard !chunks.isEmpty else { return nil }
        let n = chunks.count
        guard (1...n).allSatisfy({ chunks[$0] != nil }) else { return nil }
        return (1...n).flatMap { chunks[$0]! }
    }
}

/// Counts what is written, and writes marker segments.
struct CountingSink<Sink: ByteSink>: ByteSink {
    var sink: Sink
    var count: UInt64 = 0

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        count += UInt64(bytes.count)
        try sink.write(bytes)
    }

    mutating func writeSegment(_ marker: UInt8, _ payload: [UInt8]) throws {
        let length = payload.count + 2
        try write([0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)])
        try write(payload)
    }
}
