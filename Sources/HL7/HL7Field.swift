/// One field of a segment (HL7 v2.5.1 §2.5.3): its repetitions in order.
///
/// A field always has at least one repetition (an empty field has one empty repetition);
/// ``repetition(_:)`` and ``component(_:)`` past the end return empty values. The null value
/// `""` is told apart from empty through ``presence`` / ``isNull``.
public struct HL7Field: Sendable, Hashable {
    public let encoding: HL7Encoding
    public internal(set) var repetitions: [HL7Repetition]

    init(raw: Substring, encoding: HL7Encoding) {
        self.encoding = encoding
        repetitions = raw.utf8.contains(encoding.delimiters.repetition)
            ? raw.utf8.split(separator: encoding.delimiters.repetition, omittingEmptySubsequences: false)
                .map { HL7Repetition(raw: Substring($0), encoding: encoding) }
            : [HL7Repetition(raw: raw, encoding: encoding)]
    }

    /// A field holding `raw` as its only value, not split on any delimiter (MSH-1, MSH-2).
    init(literal raw: String, encoding: HL7Encoding) {
        self.encoding = encoding
        var component = HL7Component(encoding: encoding)
        component.rawSubcomponents = [raw]
        var repetition = HL7Repetition(encoding: encoding)
        repetition.components = [component]
        repetitions = [repetition]
    }

    init(encoding: HL7Encoding) {
        self.encoding = encoding
        repetitions = [HL7Repetition(encoding: encoding)]
    }

    /// Repetition `n` (1-based); empty when absent.
    public func repetition(_ n: Int) -> HL7Repetition {
        n >= 1 && n <= repetitions.count ? repetitions[n - 1] : HL7Repetition(encoding: encoding)
    }

    /// Component `n` (1-based) of the first repetition.
    public func component(_ n: Int) -> HL7Component { repetition(1).component(n) }

    /// First repetition, component 1, subcomponent 1, unescaped; nil when empty or null.
    public var value: String? { presence.value }

    /// Whether the field is empty, null (`""`) or valued, judged on its first value.
    public var presence: HL7Presence { repetition(1).component(1).presence(ofSubcomponent: 1) }

    /// The field is the null value `""`.
    public var isNull: Bool { presence == .null }

    /// Every repetition is empty.
    public var isEmpty: Bool { repetitions.allSatisfy(\.isEmpty) }

    /// The field as written, all separators and escape sequences included.
    public var raw: String { repetitions.map(\.raw).joined(separator: encoding.delimiters.repetitionString) }

    mutating func setRaw(_ raw: String, repetition r: Int, component c: Int, subcomponent s: Int) {
        while repetitions.count < r { repetitions.append(HL7Repetition(encoding: encoding)) }
        repetitions[r - 1].setRaw(raw, component: c, subcomponent: s)
    }
}
