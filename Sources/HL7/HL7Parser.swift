/// Reads the structure of a message (HL7 v2.5.1 §2.5–2.6): an `MSH` segment first, whose
/// fourth character is the field separator and whose next field holds the encoding characters;
/// segments terminated by CR (LF and CR LF tolerated, blank lines skipped); fields, repetitions,
/// components and subcomponents split on the message's own delimiters. Values stay escaped.
struct HL7Parser {
    let limits: HL7Limits

    /// A message from bytes in the character set MSH-18 declares.
    func parse(bytes: some Collection<UInt8>) throws(HL7Error) -> HL7Message {
        try checkSize(bytes.count)
        let charset = try HL7Charset(msh18: HeaderLine(bytes).msh18)
        return try parseDecoded(charset.decode(bytes), charset: charset)
    }

    /// A message from text already decoded; MSH-18 still decides how `\X..\` data is read and
    /// how the message is encoded again.
    func parse(text: String) throws(HL7Error) -> HL7Message {
        try checkSize(text.utf8.count)
        return try parseDecoded(text, charset: nil)
    }

    /// The size limit applies to the input as received, so it is checked before decoding.
    private func parseDecoded(_ text: String, charset known: HL7Charset?) throws(HL7Error) -> HL7Message {
        let header = try HeaderLine(text.utf8)
        let charset = if let known { known } else { try HL7Charset(msh18: header.msh18) }
        let encoding = HL7Encoding(delimiters: header.delimiters, charset: charset)
        let lines = Self.lines(text.utf8)
        guard lines.count <= limits.maxSegments else {
            throw HL7Error(
                .applicationInternalError,
                "the message has \(lines.count) segments, more than the limit of \(limits.maxSegments)",
                registryCode: .payloadTooLarge)
        }
        var segments: [HL7Segment] = []
        segments.reserveCapacity(lines.count)
        var occurrences: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            segments.append(try parseSegment(line, index: index, encoding: encoding, occurrences: &occurrences))
        }
        return HL7Message(encoding: encoding, segments: segments)
    }

    /// Only the `MSH` segment of input that may be broken further on, read leniently.
    func salvageHeader(from bytes: some Collection<UInt8>) -> HL7Message? {
        guard let header = try? HeaderLine(bytes) else { return nil }
        let charset = (try? HL7Charset(msh18: header.msh18)) ?? .ascii
        let text = charset.decodeLeniently(header.line)
        let encoding = HL7Encoding(delimiters: header.delimiters, charset: charset)
        var occurrences: [String: Int] = [:]
        let lenient = HL7Parser(limits: HL7Limits(maxMessageBytes: .max, maxSegments: .max, maxFieldBytes: .max))
        guard let line = Self.lines(text.utf8).first,
              let segment = try? lenient.parseSegment(line, index: 0, encoding: encoding, occurrences: &occurrences)
        else { return nil }
        return HL7Message(encoding: encoding, segments: [segment])
    }

    /// One segment; `occurrences` counts segment IDs so far, for error locations.
    private func parseSegment(
        _ line: Substring.UTF8View, index: Int, encoding: HL7Encoding, occurrences: inout [String: Int]
    ) throws(HL7Error) -> HL7Segment {
        let separator = encoding.delimiters.field
        let name = String(Substring(line.prefix(3)))
        guard HL7Segment.isValidName(name) else {
            throw HL7Error(.segmentSequenceError, "segment \(index + 1) does not start with a segment ID")
        }
        occurrences[name, default: 0] += 1
        let location = HL7ErrorLocation(segmentID: name, segmentSequence: occurrences[name]!)
        guard name != "MSH" || index == 0 else {
            throw HL7Error(.segmentSequenceError, "segment \(index + 1) is a second MSH: one message per frame", at: location)
        }
        let rest = line.dropFirst(3)
        guard let first = rest.first else { return HL7Segment(name: name, fields: [], encoding: encoding) }
        guard first == separator else {
            throw HL7Error(.segmentSequenceError, "segment \(index + 1) (\(name)) has no field separator after its ID",
                           at: location)
        }
        let parts = rest.dropFirst().split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
        // In MSH, parts[0] is MSH-2; elsewhere it is field 1.
        let firstNumber = index == 0 ? 2 : 1
        if let offset = parts.firstIndex(where: { $0.utf8.count > limits.maxFieldBytes }) {
            let number = offset + firstNumber
            throw HL7Error(
                .dataTypeError,
                "\(name)-\(number) is \(parts[offset].utf8.count) bytes, more than the limit of \(limits.maxFieldBytes)",
                at: HL7ErrorLocation(segmentID: name, segmentSequence: occurrences[name]!, field: number))
        }
        if index == 0 {
            let literals = [
                HL7Field(literal: encoding.delimiters.fieldSeparator, encoding: encoding),
                HL7Field(literal: String(parts[0]), encoding: encoding),
            ]
            let fields = parts.dropFirst().map { HL7Field(raw: $0, encoding: encoding) }
            return HL7Segment(name: name, fields: literals + fields, encoding: encoding)
        }
        return HL7Segment(name: name, fields: parts.map { HL7Field(raw: $0, encoding: encoding) }, encoding: encoding)
    }

    private func checkSize(_ count: Int) throws(HL7Error) {
        guard count <= limits.maxMessageBytes else {
            throw HL7Error(
                .applicationInternalError, "the message is \(count) bytes, more than the limit of \(limits.maxMessageBytes)",
                registryCode: .payloadTooLarge)
        }
    }

    /// Non-blank lines, split on CR or LF, after a leading byte order mark and white space.
    private static func lines(_ utf8: String.UTF8View) -> [Substring.UTF8View] {
        let body = utf8.starts(with: HeaderLine.byteOrderMark) ? utf8.dropFirst(3) : utf8[...]
        return body.drop(while: HeaderLine.isWhitespace)
            .split(whereSeparator: { $0 == 0x0D || $0 == 0x0A })
            .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }
}

/// The first segment of a message, read from bytes before the character set is known: where it
/// is, its delimiters and its MSH-18.
struct HeaderLine {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    let delimiters: HL7Delimiters
    /// MSH-18, first repetition, first component, as written.
    let msh18: String
    /// The bytes of the header segment.
    let line: [UInt8]

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x0A || byte == 0x20 || byte == 0x09 }

    init(_ bytes: some Collection<UInt8>) throws(HL7Error) {
        var rest = bytes[...]
        if rest.starts(with: Self.byteOrderMark) { rest = rest.dropFirst(3) }
        rest = rest.drop(while: Self.isWhitespace)
        let line = Array(rest.prefix { $0 != 0x0D && $0 != 0x0A })
        guard line.starts(with: Array("MSH".utf8)), line.count > 3 else {
            throw HL7Error(.segmentSequenceError, "the message does not start with an MSH segment")
        }
        let separator = line[3]
        let fields = line.dropFirst(4).split(separator: separator, omittingEmptySubsequences: false)
        let delimiters = try HL7Delimiters(fieldByte: separator, encodingBytes: Array(fields.first ?? []))
        // fields[0] is MSH-2, so MSH-18 is fields[16].
        let msh18 = fields.count > 16 ? fields[16] : []
        let value = msh18.prefix { $0 != delimiters.repetition && $0 != delimiters.component }
        self.delimiters = delimiters
        self.msh18 = String(decoding: value, as: UTF8.self)
        self.line = line
    }
}
