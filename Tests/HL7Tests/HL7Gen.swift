import HL7
import PropertyBased

/// One write into a message under construction: a full path (every position explicit) and the
/// text written there.
struct HL7Write: Sendable, CustomStringConvertible {
    var path: HL7Path
    var value: String
    var description: String { "\(path) = \(value.debugDescription)" }
}

/// A message described by how it was built, for round-trip properties.
struct HL7Recipe: Sendable, CustomStringConvertible {
    var encoding: HL7Encoding
    var writes: [HL7Write]

    func build() -> HL7Message {
        var message = HL7Message(encoding: encoding)
        for write in writes { message.set(write.value, at: write.path) }
        return message
    }

    /// The last value written at each path.
    var expected: [HL7Path: String] {
        writes.reduce(into: [:]) { $0[$1.path] = $1.value }
    }

    var description: String { "\(encoding.delimiters) \(encoding.charset) \(writes)" }
}

/// Generators of delimiter sets, values full of delimiter characters, and messages.
enum HL7Gen {
    /// Printable ASCII that may serve as a delimiter (all punctuation but `"`, the null value).
    static let punctuation: [UInt8] = Array("!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8)

    /// Five (or six, with the v2.7 truncation character) distinct delimiters.
    static let delimiters = zip(Gen<[UInt8]>.shuffled(punctuation), Gen.bool(0.3)).map { (pool: [UInt8], truncation: Bool) in
        try! HL7Delimiters(
            field: Character(Unicode.Scalar(pool[0])),
            encodingCharacters: String(decoding: pool[1...(truncation ? 5 : 4)], as: UTF8.self))
    }

    static let charset = Gen<HL7Charset>.case

    /// Characters a value is drawn from: letters, every punctuation mark (so every delimiter and
    /// the escape character), white space, control characters, `"`, and text beyond ASCII.
    static let alphabet: [Character] = Array("AbZ09 ") + punctuation.map { Character(Unicode.Scalar($0)) }
        + ["\r", "\n", "\r\n", "\t", "\u{0B}", "\u{1C}", "\u{0}", "\"", "é", "ß", "ÿ", "\u{A0}", "漢", "🙂", "e\u{301}", "\u{FEFF}"]

    /// Any text of up to 12 characters from ``alphabet``, sometimes exactly the null value `""`.
    static let value = Gen<Character?>.element(of: alphabet).map { $0! }.array(of: 0...12).map { String($0) }

    static let segmentNames = ["PID", "PV1", "NK1", "ZPG", "OBX", "MSH"]

    /// A full path: MSH only once and never at MSH-1, MSH-2 or MSH-18 (they are the encoding).
    static let path = zip(
        Gen<String?>.element(of: segmentNames).map { $0! }, Gen.int(in: 1...2), Gen.int(in: 1...12),
        Gen.int(in: 1...3), Gen.int(in: 1...4), Gen.int(in: 1...3)
    ).map { (segment: String, occurrence: Int, field: Int, repetition: Int, component: Int, subcomponent: Int) in
        let isHeader = segment == "MSH"
        return try! HL7Path(
            segment: segment, segmentRepetition: isHeader ? 1 : occurrence, field: isHeader ? field + 2 : field,
            fieldRepetition: repetition, component: component, subcomponent: subcomponent)
    }

    static let write = zip(path, value, Gen.bool(0.05)).map { (path: HL7Path, value: String, null: Bool) in
        HL7Write(path: path, value: null ? "\"\"" : value)
    }

    /// A message built by up to 15 writes with any delimiters and character set. Characters that
    /// ISO 8859-1 cannot hold are left out of ISO 8859-1 messages.
    static let recipe = zip(delimiters, charset, write.array(of: 0...15)).map {
        (delimiters: HL7Delimiters, charset: HL7Charset, writes: [HL7Write]) in
        let fitting = charset != .latin1 ? writes : writes.map { write in
            var write = write
            write.value = String(String.UnicodeScalarView(write.value.unicodeScalars.filter { $0.value <= 0xFF }))
            return write
        }
        return HL7Recipe(encoding: HL7Encoding(delimiters: delimiters, charset: charset), writes: fitting)
    }
}
