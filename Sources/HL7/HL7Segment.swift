/// One segment (HL7 v2.5.1 §2.5.2): a three-character segment ID and its fields in order.
/// Z-segments are kept like any other.
///
/// Field numbering follows the standard: ``field(_:)`` is 1-based, and in `MSH` field 1 is the
/// field separator itself and field 2 the encoding characters (§2.14.9.1–2), both read as
/// written. ``field(_:)`` past the last field returns an empty field.
public struct HL7Segment: Sendable, Hashable {
    /// The segment ID, e.g. `PID` or `ZPD`.
    public let name: String
    public let encoding: HL7Encoding
    /// `fields[0]` is field 1.
    public internal(set) var fields: [HL7Field]

    init(name: String, fields: [HL7Field], encoding: HL7Encoding) {
        self.name = name
        self.fields = fields
        self.encoding = encoding
    }

    /// Field `n` (1-based); empty when the segment stops before it.
    public func field(_ n: Int) -> HL7Field {
        n >= 1 && n <= fields.count ? fields[n - 1] : HL7Field(encoding: encoding)
    }

    /// Number of fields written, trailing empty ones included.
    public var fieldCount: Int { fields.count }

    /// The segment as written, without its terminator.
    public var raw: String {
        let separator = encoding.delimiters.fieldSeparator
        if name == "MSH" {
            let rest = fields.dropFirst(2).map(\.raw)
            return (["MSH" + separator + encoding.delimiters.encodingCharacters] + rest).joined(separator: separator)
        }
        return ([name] + fields.map(\.raw)).joined(separator: separator)
    }

    mutating func setRaw(_ raw: String, field f: Int, repetition r: Int, component c: Int, subcomponent s: Int) {
        while fields.count < f { fields.append(HL7Field(encoding: encoding)) }
        fields[f - 1].setRaw(raw, repetition: r, component: c, subcomponent: s)
    }

    mutating func replaceField(_ f: Int, with field: HL7Field) {
        precondition(field.encoding == encoding, "a field moves only between messages with the same encoding")
        while fields.count < f { fields.append(HL7Field(encoding: encoding)) }
        fields[f - 1] = field
    }

    /// A segment ID: three characters, an upper-case letter then upper-case letters or digits.
    public static func isValidName(_ name: some StringProtocol) -> Bool {
        let bytes = Array(name.utf8)
        return bytes.count == 3 && (0x41...0x5A).contains(bytes[0])
            && bytes.dropFirst().allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }
}
