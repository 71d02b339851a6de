/// The character sets PhotoGate reads and writes: MSH-18, HL7 Table 0211 (HL7 v2.5.1
/// §2.14.9.18).
///
/// - `ASCII` (also an empty MSH-18, the default). Senders that declare nothing often send
///   accented names anyway, so bytes above 0x7F in an ASCII message are read as UTF-8 when they
///   are valid UTF-8 and as ISO 8859-1 otherwise, rather than refusing a demographic update.
/// - `8859/1`: ISO 8859-1, one byte per character.
/// - `UNICODE UTF-8` (also read: `UTF-8`, `UTF8`): bytes that are not valid UTF-8 are an error.
///
/// Other Table 0211 values (`8859/2`…, `ISO IR87`, `UNICODE` UCS-2, …) are refused with 103.
public enum HL7Charset: String, Sendable, Hashable, CaseIterable {
    case ascii = "ASCII"
    case latin1 = "8859/1"
    case utf8 = "UNICODE UTF-8"

    /// The character set MSH-18 names (its first repetition's first component, the default
    /// character set; alternates for code switching are not supported).
    /// - Throws: ``HL7Error`` 103 at MSH-18 for a value outside the supported set.
    public init(msh18 value: String) throws(HL7Error) {
        switch value.trimmingSpaces.uppercased() {
        case "", "ASCII": self = .ascii
        case "8859/1", "ISO-8859-1", "ISO8859-1", "LATIN1": self = .latin1
        case "UNICODE UTF-8", "UTF-8", "UTF8": self = .utf8
        default:
            throw HL7Error(
                .tableValueNotFound, "MSH-18 character set is not supported (ASCII, 8859/1 or UNICODE UTF-8)",
                at: HL7ErrorLocation(segmentID: "MSH", field: 18))
        }
    }

    /// The value written in MSH-18 of a message built with this character set (empty for ASCII,
    /// the default).
    public var msh18: String { self == .ascii ? "" : rawValue }

    /// Text from bytes in this character set.
    /// - Throws: ``HL7Error`` 102 when a UTF-8 message holds bytes that are not UTF-8.
    public func decode(_ bytes: some Collection<UInt8>) throws(HL7Error) -> String {
        switch self {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            let offset = Self.firstInvalidUTF8(bytes)
            throw HL7Error(.dataTypeError, "the message is not valid UTF-8 at byte \(offset) (MSH-18 says UNICODE UTF-8)")
        case .latin1:
            return Self.latin1(bytes)
        case .ascii:
            return decodeLeniently(bytes)
        }
    }

    /// Text from bytes, never failing: invalid UTF-8 is read as ISO 8859-1 (for ASCII) or with
    /// replacement characters (for UTF-8). Used for `\X..\` hex data and salvaging headers.
    func decodeLeniently(_ bytes: some Collection<UInt8>) -> String {
        switch self {
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .latin1: return Self.latin1(bytes)
        case .ascii:
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self) ?? Self.latin1(bytes)
        }
    }

    /// Bytes of `text` in this character set. ISO 8859-1 cannot hold characters above U+00FF;
    /// they are written as `?`. ASCII messages write non-ASCII text as UTF-8, as they read it.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8, .ascii: return Array(text.utf8)
        case .latin1: return text.unicodeScalars.map { $0.value <= 0xFF ? UInt8($0.value) : 0x3F }
        }
    }

    private static func latin1(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
        return String(scalars)
    }

    private static func firstInvalidUTF8(_ bytes: some Collection<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: return offset
            }
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " })!
        return Substring(scalars[first...last])
    }
}
