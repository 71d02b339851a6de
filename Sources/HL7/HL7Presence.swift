/// Whether a position holds a value, HL7 v2.5.1 §2.5.3 (and §2.6 of v2.7): an empty position
/// says nothing ("leave what you have"), the null value `""` says "delete what you have".
public enum HL7Presence: Sendable, Hashable {
    /// Not present, or present and empty.
    case empty
    /// Present as `""`: the receiver should remove its value.
    case null
    /// Present, unescaped.
    case value(String)

    init(raw: some StringProtocol, encoding: HL7Encoding) {
        if raw.isEmpty {
            self = .empty
        } else if raw == "\"\"" {
            self = .null
        } else {
            self = .value(HL7Escaping.unescape(raw, encoding: encoding))
        }
    }

    /// The value, nil when empty or null.
    public var value: String? {
        if case .value(let v) = self { return v }
        return nil
    }
}
