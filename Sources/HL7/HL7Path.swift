/// A position in a message, in a terser-like syntax (after HAPI's `Terser`):
///
///     SEG[(n)]-F[[r]][.C[.S]]      PID-3   PID-3[2].4.1   NK1(2)-2.1   MSH-9.2
///
/// - `SEG`: the segment ID; `(n)` its occurrence in the message, from 1 (flat message order:
///   there are no group definitions);
/// - `F`: the field number, as the standard numbers it (`MSH-1` is the field separator);
/// - `[r]`: the field repetition, from 1;
/// - `.C`, `.S`: the component and subcomponent, from 1.
///
/// An omitted occurrence, repetition, component or subcomponent means the first one, so
/// `PID-3` reads `PID(1)-3[1].1.1`. Positions are at most 9999.
///
/// A string literal is parsed on the spot and traps when it is not a valid path (a
/// programming error, like an invalid regex literal); parse paths from configuration with
/// ``init(_:)``, which throws.
public struct HL7Path: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let segment: String
    public let segmentRepetition: Int
    public let field: Int
    public let fieldRepetition: Int?
    public let component: Int?
    public let subcomponent: Int?

    /// Largest position accepted anywhere in a path.
    public static let maxPosition = 9999

    /// Why a path string was refused.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "invalid HL7 path '\(path)': \(reason)" }
    }

    public init(
        segment: String, segmentRepetition: Int = 1, field: Int, fieldRepetition: Int? = nil,
        component: Int? = nil, subcomponent: Int? = nil
    ) throws(SyntaxError) {
        let text = Self.render(segment, segmentRepetition, field, fieldRepetition, component, subcomponent)
        guard HL7Segment.isValidName(segment) else {
            throw SyntaxError(
                path: text, reason: "the segment ID must be 3 upper-case letters or digits, starting with a letter")
        }
        for position in [segmentRepetition, field, fieldRepetition, component, subcomponent].compactMap({ $0 }) {
            guard (1...Self.maxPosition).contains(position) else {
                throw SyntaxError(path: text, reason: "positions run from 1 to \(Self.maxPosition)")
            }
        }
        if subcomponent != nil, component == nil {
            throw SyntaxError(path: text, reason: "a subcomponent needs a component")
        }
        self.segment = segment
        self.segmentRepetition = segmentRepetition
        self.field = field
        self.fieldRepetition = fieldRepetition
        self.component = component
        self.subcomponent = subcomponent
    }

    /// Parses `PID(2)-3[2].4.1`.
    public init(_ text: String) throws(SyntaxError) {
        var scanner = Scanner(text: text)
        guard let segment = scanner.take(count: 3) else {
            throw SyntaxError(path: text, reason: "expected a segment ID")
        }
        let segmentRepetition = try scanner.bracketed("(", ")") ?? 1
        guard scanner.skip("-"), let field = scanner.number() else {
            throw SyntaxError(path: text, reason: "expected '-' and a field number after the segment")
        }
        let fieldRepetition = try scanner.bracketed("[", "]")
        var component: Int?
        var subcomponent: Int?
        if scanner.skip(".") {
            guard let c = scanner.number() else { throw SyntaxError(path: text, reason: "expected a component number") }
            component = c
            if scanner.skip(".") {
                guard let s = scanner.number() else {
                    throw SyntaxError(path: text, reason: "expected a subcomponent number")
                }
                subcomponent = s
            }
        }
        guard scanner.atEnd else { throw SyntaxError(path: text, reason: "unexpected text after the position") }
        try self.init(
            segment: segment, segmentRepetition: segmentRepetition, field: field, fieldRepetition: fieldRepetition,
            component: component, subcomponent: subcomponent)
    }

    public init(stringLiteral value: String) {
        do {
            try self.init(value)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// The path in canonical form: defaults that were written explicitly as 1 are kept.
    public var description: String {
        Self.render(segment, segmentRepetition, field, fieldRepetition, component, subcomponent)
    }

    private static func render(_ s: String, _ sr: Int, _ f: Int, _ fr: Int?, _ c: Int?, _ sc: Int?) -> String {
        var text = s + (sr == 1 ? "" : "(\(sr))") + "-\(f)"
        if let fr { text += "[\(fr)]" }
        if let c { text += ".\(c)" }
        if let sc { text += ".\(sc)" }
        return text
    }

    private struct Scanner {
        let text: String
        var rest: Substring

        init(text: String) {
            self.text = text
            rest = Substring(text)
        }

        var atEnd: Bool { rest.isEmpty }

        mutating func take(count: Int) -> String? {
            guard rest.count >= count else { return nil }
            defer { rest = rest.dropFirst(count) }
            return String(rest.prefix(count))
        }

        mutating func skip(_ c: Character) -> Bool {
            guard rest.first == c else { return false }
            rest = rest.dropFirst()
            return true
        }

        mutating func number() -> Int? {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 6 else { return nil }
            rest = rest.dropFirst(digits.count)
            return Int(digits)
        }

        mutating func bracketed(_ open: Character, _ close: Character) throws(SyntaxError) -> Int? {
            guard skip(open) else { return nil }
            guard let n = number(), skip(close) else {
                throw SyntaxError(path: text, reason: "expected a number between '\(open)' and '\(close)'")
            }
            return n
        }
    }
}
