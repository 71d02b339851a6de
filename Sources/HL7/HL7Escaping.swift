/// Escape sequences in values (HL7 v2.5.1 §2.7): an escape sequence is the escape character,
/// an identifier, optional data, and the escape character again.
///
/// Read (``unescape(_:encoding:)``):
/// - `\F\ \S\ \T\ \R\ \E\` become the field, component, subcomponent, repetition and escape
///   characters, and `\P\` the truncation character when MSH-2 declares one (v2.7 §2.7.1);
/// - `\Xhh…\` (§2.7.4, hexadecimal data) becomes the bytes it spells, read in the message's
///   character set;
/// - `\.br\` (§2.7.6, formatted text line break) becomes a line feed;
/// - every other sequence — highlighting `\H\ \N\`, formatting `\.sp\ \.in\ …`, character set
///   switches `\C…\ \M…\`, local `\Z…\`, and malformed ones — passes through unchanged, escape
///   characters included; an escape character without a closing one is read literally.
///
/// Write (``escape(_:delimiters:)``): each delimiter becomes its sequence, a line feed `\.br\`
/// (`\X0A\` when `.` is itself a delimiter), and every other control character but tab
/// `\Xhh\` — the carriage return is the segment terminator, and MLLP reserves 0x0B and 0x1C —
/// so `unescape(escape(s)) == s` for every `s`.
public enum HL7Escaping {
    /// `text` with every delimiter and control character (but tab) replaced by its escape sequence.
    public static func escape(_ text: String, delimiters d: HL7Delimiters) -> String {
        guard text.utf8.contains(where: { d.isDelimiter($0) || isControl($0) }) else { return text }
        let e = Character(Unicode.Scalar(d.escape))
        let lineBreak = d.isDelimiter(UInt8(ascii: ".")) ? "X0A" : ".br"
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let code: String?
            switch scalar.value {
            case UInt32(d.field): code = "F"
            case UInt32(d.component): code = "S"
            case UInt32(d.subcomponent): code = "T"
            case UInt32(d.repetition): code = "R"
            case UInt32(d.escape): code = "E"
            case 0x0A: code = lineBreak
            case let c where c < 0x80 && isControl(UInt8(c)): code = "X" + hex(UInt8(c))
            default: code = d.truncation.map { scalar.value == UInt32($0) ? "P" : nil } ?? nil
            }
            if let code {
                out.append(contentsOf: "\(e)\(code)\(e)".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// The text a raw (escaped) value stands for.
    public static func unescape(_ raw: some StringProtocol, encoding: HL7Encoding) -> String {
        let d = encoding.delimiters
        let escape = Unicode.Scalar(d.escape)
        guard raw.utf8.contains(d.escape) else { return String(raw) }
        let scalars = Array(raw.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard scalars[i] == escape else {
                out.append(scalars[i])
                i += 1
                continue
            }
            guard let close = scalars[(i + 1)...].firstIndex(of: escape) else {
                out.append(contentsOf: scalars[i...])
                break
            }
            let body = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
            if let text = resolve(body, encoding: encoding) {
                out.append(contentsOf: text.unicodeScalars)
            } else {
                out.append(contentsOf: scalars[i...close])
            }
            i = close + 1
        }
        return String(out)
    }

    /// What the sequence `\body\` stands for, or nil to pass it through.
    private static func resolve(_ body: String, encoding: HL7Encoding) -> String? {
        let d = encoding.delimiters
        func text(_ byte: UInt8) -> String { String(Unicode.Scalar(byte)) }
        switch body {
        case "F": return text(d.field)
        case "S": return text(d.component)
        case "T": return text(d.subcomponent)
        case "R": return text(d.repetition)
        case "E": return text(d.escape)
        case "P": return d.truncation.map(text)
        case ".br": return "\n"
        default:
            guard body.first == "X", let bytes = hexBytes(body.dropFirst()) else { return nil }
            return encoding.charset.decodeLeniently(bytes)
        }
    }

    /// The bytes an even, non-empty run of hexadecimal digits spells.
    private static func hexBytes(_ digits: Substring) -> [UInt8]? {
        let chars = Array(digits.utf8)
        guard !chars.isEmpty, chars.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count / 2)
        for k in stride(from: 0, to: chars.count, by: 2) {
            guard let hi = hexValue(chars[k]), let lo = hexValue(chars[k + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
        }
        return bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
