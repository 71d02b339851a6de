/// The few EXIF fields PhotoGate reads (CIPA DC-008): orientation, capture time and camera.
/// GPS and everything else is never read into the product: the segment is dropped whole.
public struct ExifMetadata: Sendable, Equatable {
    public var orientation: ExifOrientation = .normal
    public var dateTimeOriginal: String?
    public var subSecTimeOriginal: String?
    public var offsetTimeOriginal: String?
    public var make: String?
    public var model: String?

    public init() {}

    /// Parses the TIFF structure of an APP1 Exif payload. Damaged or hostile structures
    /// yield whatever could be read safely: every offset is bounds-checked and IFD walks are
    /// capped, so a bad EXIF block never stops a wrap.
    public init(tiff: [UInt8]) {
        guard tiff.count >= 8 else { return }
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return
        }
        let reader = TIFFReader(bytes: tiff, littleEndian: little)
        guard reader.u16(2) == 42, let ifd0 = reader.u32(4) else { return }
        for entry in reader.entries(at: Int(ifd0)) {
            switch entry.tag {
            case 0x0112:
                if let v = reader.shortValue(entry), let o = ExifOrientation(rawValue: Int(v)) { orientation = o }
            case 0x010F: make = reader.asciiValue(entry)
            case 0x0110: model = reader.asciiValue(entry)
            case 0x8769:
                guard let exifIFD = reader.longValue(entry) else { continue }
                for e in reader.entries(at: Int(exifIFD)) {
                    switch e.tag {
                    case 0x9003: dateTimeOriginal = reader.asciiValue(e)
                    case 0x9011: offsetTimeOriginal = reader.asciiValue(e)
                    case 0x9291: subSecTimeOriginal = reader.asciiValue(e)
                    default: break
                    }
                }
            default: break
            }
        }
    }
}

/// Bounds-checked access to a TIFF byte structure (TIFF 6.0 §2).
struct TIFFReader {
    struct Entry { let tag: UInt16; let type: UInt16; let count: UInt32; let valueOffset: Int }

    let bytes: [UInt8]
    let littleEndian: Bool

    func u16(_ at: Int) -> UInt16? {
        guard at >= 0, at + 2 <= bytes.count else { return nil }
        let a = UInt16(bytes[at]), b = UInt16(bytes[at + 1])
        return littleEndian ? a | b << 8 : a << 8 | b
    }

    func u32(_ at: Int) -> UInt32? {
        guard let lo = u16(littleEndian ? at : at + 2), let hi = u16(littleEndian ? at + 2 : at) else { return nil }
        return UInt32(lo) | UInt32(hi) << 16
    }

    /// The entries of the IFD at `offset` (at most 512).
    func entries(at offset: Int) -> [Entry] {
        guard let n = u16(offset), n <= 512 else { return [] }
        return (0..<Int(n)).compactMap { i in
            let at = offset + 2 + 12 * i
            guard let tag = u16(at), let type = u16(at + 2), let count = u32(at + 4) else { return nil }
            return Entry(tag: tag, type: type, count: count, valueOffset: at + 8)
        }
    }

    func shortValue(_ e: Entry) -> UInt16? {
        e.type == 3 && e.count >= 1 ? u16(e.valueOffset) : nil
    }

    func longValue(_ e: Entry) -> UInt32? {
        switch e.type {
        case 4, 13: return e.count >= 1 ? u32(e.valueOffset) : nil
        case 3: return shortValue(e).map(UInt32.init)
        default: return nil
        }
    }

    /// ASCII value (type 2), inline when ≤ 4 bytes; trailing NULs and spaces trimmed.
    func asciiValue(_ e: Entry) -> String? {
        guard e.type == 2 || e.type == 7, e.count > 0, e.count <= 256 else { return nil }
        let count = Int(e.count)
        let start: Int
        if count <= 4 { start = e.valueOffset } else {
            guard let off = u32(e.valueOffset) else { return nil }
            start = Int(off)
        }
        guard start >= 0, start + count <= bytes.count else { return nil }
        var raw = bytes[start..<start + count]
        while let last = raw.last, last == 0 || last == 0x20 { raw = raw.dropLast() }
        let text = String(decoding: raw, as: UTF8.self)
        return text.isEmpty ? nil : text
    }
}
