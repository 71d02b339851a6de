import Foundation

/// The FHIR R4 primitive types and their lexical rules (FHIR R4 datatypes.html §2.24.0.1,
/// "Primitive Types", whose regular expressions these checks implement without a regex engine).
public enum FHIRPrimitiveType: String, Sendable, CaseIterable {
    case boolean, integer, positiveInt, unsignedInt, decimal
    case string, markdown, code, id
    case uri, url, canonical, oid, uuid
    case base64Binary, date, dateTime, instant, time

    /// How the value is written in JSON: booleans and numbers unquoted (FHIR R4 json.html).
    var jsonForm: FHIRNode.PrimitiveForm {
        switch self {
        case .boolean: return .boolean
        case .integer, .positiveInt, .unsignedInt, .decimal: return .number
        default: return .string
        }
    }

    /// Nil when `text` is a valid lexical value of this type, otherwise why it is not.
    public func problem(with text: String) -> String? {
        switch self {
        case .boolean:
            return text == "true" || text == "false" ? nil : "'\(text)' is not a boolean (true | false)"
        case .integer:
            return Self.integerProblem(text, range: -2_147_483_648...2_147_483_647, signs: "-", name: "integer")
        case .positiveInt:
            return Self.integerProblem(text, range: 1...2_147_483_647, signs: "+", name: "positiveInt")
        case .unsignedInt:
            return Self.integerProblem(text, range: 0...2_147_483_647, signs: "", name: "unsignedInt")
        case .decimal:
            return FHIRDecimal(text) == nil ? "'\(text)' is not a decimal" : nil
        case .string, .markdown:
            return Self.stringProblem(text)
        case .code:
            return Self.codeProblem(text)
        case .id:
            let ok = (1...64).contains(text.utf8.count)
                && text.utf8.allSatisfy { Self.isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
            return ok ? nil : "'\(text)' is not an id (1-64 of A-Z a-z 0-9 - .)"
        case .uri, .url, .canonical:
            return Self.uriProblem(text)
        case .oid:
            return Self.oidProblem(text)
        case .uuid:
            return Self.uuidProblem(text)
        case .base64Binary:
            return FHIRBase64.isValid(text) ? nil : "not valid base64"
        case .date:
            return FHIRTemporal.isDate(text) ? nil : "'\(text)' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        case .dateTime:
            return FHIRTemporal.isDateTime(text)
                ? nil : "'\(text)' is not a dateTime (a date, or YYYY-MM-DDThh:mm:ss with a time zone)"
        case .instant:
            return FHIRTemporal.isInstant(text)
                ? nil : "'\(text)' is not an instant (YYYY-MM-DDThh:mm:ss[.sss] with Z or an offset)"
        case .time:
            return FHIRTemporal.isTime(text) ? nil : "'\(text)' is not a time (hh:mm:ss)"
        }
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `-?([0]|([1-9][0-9]*))` and friends, within the 32-bit range FHIR R4 allows.
    private static func integerProblem(_ text: String, range: ClosedRange<Int>, signs: String, name: String) -> String? {
        var digits = Substring(text)
        if let first = digits.first, signs.contains(first) { digits = digits.dropFirst() }
        let valid = !digits.isEmpty && digits.utf8.allSatisfy(isDigit)
            && (digits == "0" || digits.first != "0") && digits.count <= 11
        guard valid, let n = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text), range.contains(n) else {
            return "'\(text)' is not a valid \(name)"
        }
        return nil
    }

    /// `[ \r\n\t\S]+`: not empty, no control characters other than tab, CR and LF.
    private static func stringProblem(_ text: String) -> String? {
        if text.isEmpty { return "a string must not be empty" }
        // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
        var utf8 = text.utf8.makeIterator()
        var previous: (UInt8, UInt8) = (0, 0)
        while let b = utf8.next() {
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
                || (previous == (0xEF, 0xBF) && (b == 0xBE || b == 0xBF)) {
                return "the string contains a control character"
            }
            previous = (previous.1, b)
        }
        return nil
    }

    /// Whether a character is whitespace (`\s`): the ASCII ones directly, others by their
    /// Unicode property.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    /// `[^\s]+(\s[^\s]+)*`: tokens separated by single whitespace characters.
    private static func codeProblem(_ text: String) -> String? {
        var bad = text.isEmpty
        var previousWasSpace = true  // no leading whitespace
        for scalar in text.unicodeScalars where !bad {
            let space = isWhitespace(scalar)
            bad = (space && previousWasSpace) || (scalar.value < 0x20 && !space)
            previousWasSpace = space
        }
        bad = bad || previousWasSpace  // no trailing whitespace
        return bad ? "'\(text)' is not a code (no leading, trailing or repeated whitespace)" : nil
    }

    /// `\S*`, and not empty (FHIR R4 datatypes.html, uri).
    private static func uriProblem(_ text: String) -> String? {
        if text.isEmpty { return "a uri must not be empty" }
        return text.unicodeScalars.contains(where: { isWhitespace($0) || $0.value < 0x20 })
            ? "'\(text)' is not a uri (it contains whitespace)" : nil
    }

    /// `urn:oid:[0-2](\.(0|[1-9][0-9]*))+`
    private static func oidProblem(_ text: String) -> String? {
        guard text.hasPrefix("urn:oid:") else { return "'\(text)' is not an oid (urn:oid:…)" }
        let arcs = text.dropFirst(8).split(separator: ".", omittingEmptySubsequences: false)
        let ok = arcs.count >= 2 && ["0", "1", "2"].contains(arcs[0])
            && arcs.dropFirst().allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy(isDigit) && ($0 == "0" || $0.first != "0") }
        return ok ? nil : "'\(text)' is not an oid (urn:oid:…)"
    }

    /// `urn:uuid:` then a lower-case 8-4-4-4-12 UUID.
    private static func uuidProblem(_ text: String) -> String? {
        guard text.hasPrefix("urn:uuid:") else { return "'\(text)' is not a uuid (urn:uuid:…)" }
        let groups = text.dropFirst(9).split(separator: "-", omittingEmptySubsequences: false)
        let ok = groups.map(\.count) == [8, 4, 4, 4, 12]
            && groups.allSatisfy { $0.utf8.allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) } }
        return ok ? nil : "'\(text)' is not a uuid (urn:uuid: and lower-case hex 8-4-4-4-12)"
    }
}
