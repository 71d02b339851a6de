/// An HL7 v2 message: its encoding (delimiters and character set) and its segments, `MSH`
/// first (HL7 v2.5.1 §2.5). Behaves as v2.5.1 and reads 2.3 to 2.8.
///
/// Values are kept as written, escape sequences included, so that a parsed message encodes
/// back to the same text (`encodedText()` of a canonical message — CR-terminated segments — is
/// the input); every read unescapes (§2.7) and every write escapes.
///
///     let message = try HL7Message(parsing: bytes)
///     message.value(at: "PID-3[2].4.1")          // unescaped, nil when empty or null
///     for pid in message.segments(named: "PID") { pid.field(3).repetitions … }
///
/// MSH-1, MSH-2 and MSH-18 are fixed when the message is created: they are its encoding.
public struct HL7Message: Sendable, Hashable {
    public let encoding: HL7Encoding
    public private(set) var segments: [HL7Segment]

    init(encoding: HL7Encoding, segments: [HL7Segment]) {
        self.encoding = encoding
        self.segments = segments
    }

    /// A new message holding an `MSH` with MSH-1, MSH-2 and, unless the character set is
    /// ASCII, MSH-18.
    public init(encoding: HL7Encoding = .standard) {
        let d = encoding.delimiters
        let literals = [d.fieldSeparator, d.encodingCharacters].map { HL7Field(literal: $0, encoding: encoding) }
        var msh = HL7Segment(name: "MSH", fields: literals, encoding: encoding)
        if encoding.charset != .ascii {
            let name = HL7Escaping.escape(encoding.charset.msh18, delimiters: d)
            msh.setRaw(name, field: 18, repetition: 1, component: 1, subcomponent: 1)
        }
        self.init(encoding: encoding, segments: [msh])
    }

    /// Parses bytes in the character set MSH-18 declares (HL7 Table 0211).
    /// - Throws: ``HL7Error`` with the Table 0357 code and location of the first problem.
    public init(parsing bytes: some Collection<UInt8>, limits: HL7Limits = .default) throws(HL7Error) {
        self = try HL7Parser(limits: limits).parse(bytes: bytes)
    }

    /// Parses text already decoded. MSH-18 still decides how `\X..\` hex data is read and how
    /// ``encodedBytes()`` writes the message.
    /// - Throws: ``HL7Error`` with the Table 0357 code and location of the first problem.
    public init(parsing text: String, limits: HL7Limits = .default) throws(HL7Error) {
        self = try HL7Parser(limits: limits).parse(text: text)
    }

    /// The `MSH` segment alone from input that could not be parsed whole, read leniently (no
    /// limits but the line, an unsupported character set read as ASCII), so that a rejection
    /// can still be addressed to its sender; nil when there is no readable `MSH`.
    public static func salvageHeader(from bytes: some Collection<UInt8>) -> HL7Message? {
        HL7Parser(limits: .default).salvageHeader(from: bytes)
    }

    // MARK: Reading

    /// Every segment with this ID, in message order.
    public func segments(named name: String) -> [HL7Segment] {
        segments.filter { $0.name == name }
    }

    /// The `occurrence`-th segment (from 1) with this ID.
    public func segment(_ name: String, occurrence: Int = 1) -> HL7Segment? {
        segmentIndex(name, occurrence: occurrence).map { segments[$0] }
    }

    /// The unescaped value at `path`; nil when the position is absent, empty or null.
    public func value(at path: HL7Path) -> String? {
        presence(at: path).value
    }

    /// Whether the position at `path` is empty, null (`""`) or valued.
    public func presence(at path: HL7Path) -> HL7Presence {
        guard let segment = segment(path.segment, occurrence: path.segmentRepetition) else { return .empty }
        if segment.name == "MSH", path.field <= 2 {
            let first = [path.fieldRepetition, path.component, path.subcomponent].allSatisfy { ($0 ?? 1) == 1 }
            return first ? .value(segment.fields[path.field - 1].raw) : .empty
        }
        return segment.field(path.field).repetition(path.fieldRepetition ?? 1).component(path.component ?? 1)
            .presence(ofSubcomponent: path.subcomponent ?? 1)
    }

    // MARK: Writing

    /// Writes `value`, escaped, at `path`, creating the segment (appended at the end) and any
    /// positions before it. The text `""` is the null value. MSH-1, MSH-2 and MSH-18 cannot be
    /// written (they are the encoding): doing so is a programming error and traps.
    public mutating func set(_ value: String, at path: HL7Path) {
        setRaw(HL7Escaping.escape(value, delimiters: encoding.delimiters), at: path)
    }

    /// Writes the null value `""` at `path` ("delete this value", §2.5.3).
    public mutating func setNull(at path: HL7Path) {
        setRaw(Self.null, at: path)
    }

    /// The null value as written.
    static let null = "\"\""


    /// Appends an empty segment; returns its occurrence number among segments with this ID.
    @discardableResult
    public mutating func appendSegment(_ name: String) -> Int {
        precondition(HL7Segment.isValidName(name) && name != "MSH", "'\(name)' is not a segment ID that can be appended")
        segments.append(HL7Segment(name: name, fields: [], encoding: encoding))
        return segments.lazy.filter { $0.name == name }.count
    }

    mutating func setRaw(_ raw: String, at path: HL7Path) {
        let index = writableSegmentIndex(for: path)
        segments[index].setRaw(
            raw, field: path.field, repetition: path.fieldRepetition ?? 1, component: path.component ?? 1,
            subcomponent: path.subcomponent ?? 1)
    }

    /// Puts a field of another message with the same encoding at `path`'s field, as written.
    mutating func setField(_ field: HL7Field, at path: HL7Path) {
        let index = writableSegmentIndex(for: path)
        segments[index].replaceField(path.field, with: field)
    }

    private mutating func writableSegmentIndex(for path: HL7Path) -> Int {
        precondition(
            path.segment != "MSH" || (path.segmentRepetition == 1 && ![1, 2, 18].contains(path.field)),
            "MSH-1, MSH-2 and MSH-18 are the message's encoding; a message has one MSH")
        while segmentIndex(path.segment, occurrence: path.segmentRepetition) == nil {
            appendSegment(path.segment)
        }
        return segmentIndex(path.segment, occurrence: path.segmentRepetition)!
    }

    private func segmentIndex(_ name: String, occurrence: Int) -> Int? {
        guard occurrence >= 1 else { return nil }
        var seen = 0
        for (index, segment) in segments.enumerated() where segment.name == name {
            seen += 1
            if seen == occurrence { return index }
        }
        return nil
    }

    // MARK: Encoding

    /// The message as text: each segment followed by a carriage return (§2.5.2).
    public func encodedText() -> String {
        segments.map { $0.raw + "\r" }.joined()
    }

    /// The message as bytes in its character set (``HL7Charset/encode(_:)``).
    public func encodedBytes() -> [UInt8] {
        encoding.charset.encode(encodedText())
    }
}
