/// One occurrence of a field (HL7 v2.5.1 §2.5.3.2): its components in order.
///
/// A repetition always has at least one component; ``component(_:)`` past the end returns an
/// empty component, so lookups chain without optionals.
public struct HL7Repetition: Sendable, Hashable {
    public let encoding: HL7Encoding
    public internal(set) var components: [HL7Component]

    init(raw: Substring, encoding: HL7Encoding) {
        self.encoding = encoding
        components = raw.utf8.contains(encoding.delimiters.component)
            ? raw.utf8.split(separator: encoding.delimiters.component, omittingEmptySubsequences: false)
                .map { HL7Component(raw: Substring($0), encoding: encoding) }
            : [HL7Component(raw: raw, encoding: encoding)]
    }

    init(encoding: HL7Encoding) {
        self.encoding = encoding
        components = [HL7Component(encoding: encoding)]
    }

    /// Component `n` (1-based); empty when absent.
    public func component(_ n: Int) -> HL7Component {
        n >= 1 && n <= components.count ? components[n - 1] : HL7Component(encoding: encoding)
    }

    /// Component 1, subcomponent 1, unescaped; nil when empty or null.
    public var value: String? { component(1).value }

    /// Every component is empty.
    public var isEmpty: Bool { components.allSatisfy(\.isEmpty) }

    /// The repetition as written, component and subcomponent separators included.
    public var raw: String { components.map(\.raw).joined(separator: encoding.delimiters.componentString) }

    mutating func setRaw(_ raw: String, component c: Int, subcomponent s: Int) {
        while components.count < c { components.append(HL7Component(encoding: encoding)) }
        components[c - 1].setRaw(raw, subcomponent: s)
    }
}
