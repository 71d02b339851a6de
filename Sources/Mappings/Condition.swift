/// One test in a `when:` list. A rule applies when every test of its list holds (AND);
/// rules are tried in file order. There is deliberately no expression language.
public enum Condition: Sendable, Equatable, CustomStringConvertible {
    /// The trigger event (MSH-9.2) is one of these, e.g. `A03`.
    case event([String])
    /// The field's value is one of these (exact, after unescaping).
    case valueIn(FieldRef, [String])
    /// The field has (or has not) a value.
    case present(FieldRef, Bool)

    public var description: String {
        switch self {
        case .event(let e): return "event in \(e)"
        case .valueIn(let f, let v): return "\(f) in \(v)"
        case .present(let f, let p): return "\(f) \(p ? "present" : "absent")"
        }
    }

    static func loadList(_ node: YAMLNode) throws -> [Condition] {
        let items = try node.sequence()
        guard !items.isEmpty else { throw node.error("when: needs at least one condition") }
        return try items.map(load)
    }

    static func load(_ node: YAMLNode) throws -> Condition {
        let m = try node.mapping(allowed: ["event", "field", "equals", "in", "present"])
        if let event = m["event"] {
            guard m.count == 1 else { throw node.error("an event condition has no other keys") }
            let events = try event.strings()
            for e in events where !(e.count == 3 && e.allSatisfy { $0.isUppercase || $0.isNumber }) {
                throw event.error("'\(e)' is not an HL7 trigger event code like A03")
            }
            return .event(events)
        }
        guard let field = m["field"] else { throw node.error("a condition needs event: or field:") }
        let ref = try field.fieldRef()
        let tests = ["equals", "in", "present"].filter { m[$0] != nil }
        guard tests.count == 1 else { throw node.error("a field condition needs exactly one of equals:, in:, present:") }
        switch tests[0] {
        case "equals": return .valueIn(ref, [try m["equals"]!.string()])
        case "in":
            let values = try m["in"]!.strings()
            guard !values.isEmpty else { throw m["in"]!.error("in: needs at least one value") }
            return .valueIn(ref, values)
        default: return .present(ref, try m["present"]!.bool())
        }
    }
}
