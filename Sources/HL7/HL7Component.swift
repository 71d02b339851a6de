/// One component of a field repetition: its subcomponents, kept as written (escaped), read
/// unescaped (HL7 v2.5.1 §2.5.3.3–4).
///
/// A component always has at least one subcomponent; an absent component reads as empty.
public struct HL7Component: Sendable, Hashable {
    public let encoding: HL7Encoding
    /// The subcomponents as written on the wire, escape sequences included.
    public internal(set) var rawSubcomponents: [String]

    init(raw: Substring, encoding: HL7Encoding) {
        self.encoding = encoding
        // Most components have one subcomponent: no split then (every message's parse goes through here).
        rawSubcomponents = raw.utf8.contains(encoding.delimiters.subcomponent)
            ? raw.utf8.split(separator: encoding.delimiters.subcomponent, omittingEmptySubsequences: false)
                .map { String(Substring($0)) }
            : [String(raw)]
    }

    init(encoding: HL7Encoding) {
        self.encoding = encoding
        rawSubcomponents = [""]
    }

    /// Number of subcomponents written (at least 1).
    public var subcomponentCount: Int { rawSubcomponents.count }

    /// Subcomponent `n` (1-based), unescaped; nil when absent, empty or null.
    public func subcomponent(_ n: Int) -> String? { presence(ofSubcomponent: n).value }

    /// Whether subcomponent `n` (1-based) is empty, null or valued.
    public func presence(ofSubcomponent n: Int) -> HL7Presence {
        guard n >= 1, n <= rawSubcomponents.count else { return .empty }
        return HL7Presence(raw: rawSubcomponents[n - 1], encoding: encoding)
    }

    /// The first subcomponent, unescaped; nil when empty or null.
    public var value: String? { subcomponent(1) }

    /// Every subcomponent is empty.
    public var isEmpty: Bool { rawSubcomponents.allSatisfy(\.isEmpty) }

    /// The component as written, subcomponent separators included.
    public var raw: String { rawSubcomponents.joined(separator: encoding.delimiters.subcomponentString) }

    mutating func setRaw(_ raw: String, subcomponent n: Int) {
        while rawSubcomponents.count < n { rawSubcomponents.append("") }
        rawSubcomponents[n - 1] = raw
    }
}

extension HL7Delimiters {
    var subcomponentString: String { String(Unicode.Scalar(subcomponent)) }
    var componentString: String { String(Unicode.Scalar(component)) }
    var repetitionString: String { String(Unicode.Scalar(repetition)) }
}
