/// The delimiters a message is written with: MSH-1, the field separator, and MSH-2, the
/// encoding characters in the order component, repetition, escape, subcomponent (HL7 v2.5.1
/// §2.5.4, §2.14.9.1–2), plus the truncation character that v2.7 adds as a fifth MSH-2
/// character (§2.5.5.4 of v2.7) when the sender writes one.
///
/// Any delimiters are accepted, not only `|^~\&`, as long as each is a printable ASCII
/// character that is neither a letter, a digit nor `"` (which writes the null value `""`,
/// §2.5.3), and all of them differ. Because they are
/// ASCII, they never occur inside a multi-byte UTF-8 sequence, so structure can be split on
/// bytes before text is decoded.
public struct HL7Delimiters: Sendable, Hashable, CustomStringConvertible {
    public let field: UInt8
    public let component: UInt8
    public let repetition: UInt8
    public let escape: UInt8
    public let subcomponent: UInt8
    /// The v2.7+ truncation character (`#` by convention), when MSH-2 has five characters.
    public let truncation: UInt8?

    /// `|^~\&`
    public static let standard = HL7Delimiters(uncheckedField: 0x7C, encodingCharacters: Array("^~\\&".utf8))

    /// Delimiters from MSH-1 and MSH-2.
    /// - Throws: ``HL7Error`` 102 at MSH-2 when MSH-2 does not have 4 or 5 characters, or a
    ///   delimiter is not printable ASCII, is a letter or digit, or appears twice.
    public init(field: Character, encodingCharacters: String) throws(HL7Error) {
        guard let f = field.asciiValue else {
            throw HL7Error(.dataTypeError, "MSH-1 field separator must be an ASCII character", at: Self.msh2Location(1))
        }
        try self.init(fieldByte: f, encodingBytes: Array(encodingCharacters.utf8))
    }

    init(fieldByte: UInt8, encodingBytes: [UInt8]) throws(HL7Error) {
        guard encodingBytes.count == 4 || encodingBytes.count == 5 else {
            throw HL7Error(
                .dataTypeError,
                "MSH-2 must hold 4 encoding characters (5 with the v2.7 truncation character), found \(encodingBytes.count)",
                at: Self.msh2Location(2))
        }
        let all = [fieldByte] + encodingBytes
        guard all.allSatisfy(Self.isAllowed) else {
            throw HL7Error(
                .dataTypeError, "MSH-1 and MSH-2 delimiters must be printable ASCII, not letters, digits or '\"'",
                at: Self.msh2Location(2))
        }
        guard Set(all).count == all.count else {
            throw HL7Error(.dataTypeError, "MSH-1 and MSH-2 delimiters must all differ", at: Self.msh2Location(2))
        }
        self.init(uncheckedField: fieldByte, encodingCharacters: encodingBytes)
    }

    private init(uncheckedField field: UInt8, encodingCharacters e: [UInt8]) {
        self.field = field
        component = e[0]
        repetition = e[1]
        escape = e[2]
        subcomponent = e[3]
        truncation = e.count > 4 ? e[4] : nil
    }

    /// The same delimiters with the v2.7 truncation character (or without one).
    public func withTruncation(_ character: Character?) throws(HL7Error) -> HL7Delimiters {
        var bytes = [component, repetition, escape, subcomponent]
        if let character {
            guard let t = character.asciiValue else {
                throw HL7Error(.dataTypeError, "the truncation character must be ASCII", at: Self.msh2Location(2))
            }
            bytes.append(t)
        }
        return try HL7Delimiters(fieldByte: field, encodingBytes: bytes)
    }

    /// MSH-2 as written: `^~\&` (or `^~\&#`).
    public var encodingCharacters: String {
        String(decoding: [component, repetition, escape, subcomponent] + (truncation.map { [$0] } ?? []), as: UTF8.self)
    }

    /// MSH-1 as written: `|`.
    public var fieldSeparator: String { String(decoding: [field], as: UTF8.self) }

    /// `|^~\&`
    public var description: String { fieldSeparator + encodingCharacters }

    /// Whether `byte` is one of the delimiters.
    func isDelimiter(_ byte: UInt8) -> Bool {
        byte == field || byte == component || byte == repetition || byte == escape || byte == subcomponent
            || byte == truncation
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        (0x21...0x7E).contains(byte) && byte != UInt8(ascii: "\"") && !(0x30...0x39).contains(byte)
            && !(0x41...0x5A).contains(byte) && !(0x61...0x7A).contains(byte)
    }

    private static func msh2Location(_ field: Int) -> HL7ErrorLocation {
        HL7ErrorLocation(segmentID: "MSH", field: field)
    }
}
