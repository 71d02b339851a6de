import Foundation

/// A FHIR decimal kept exactly as written, so `1.50` stays `1.50` on a round trip
/// (FHIR R4 datatypes.html, "decimal": precision is significant; json.html: decimals are
/// JSON numbers that must not lose their precision).
public struct FHIRDecimal: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The lexical form: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public let text: String

    /// Nil unless `text` is a valid FHIR decimal.
    public init?(_ text: String) {
        guard Self.isValid(Array(text.utf8)) else { return nil }
        self.text = text
    }

    public init(integerLiteral value: Int) { text = String(value) }

    /// The value as a Foundation `Decimal`.
    public var decimalValue: Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }

    public var description: String { text }

    private static func isValid(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, FHIRPrimitiveType.isDigit(b[i]) { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        let n = digits()
        guard n > 0, n == 1 || b[intStart] != UInt8(ascii: "0") else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return false }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.count
    }
}
