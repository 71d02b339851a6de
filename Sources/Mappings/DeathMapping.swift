/// `death.yaml`: which HL7 v2 messages are death notices. Rules are tried in file order;
/// the first whose `when:` list holds decides, and its `deceasedAt:` fields are tried in
/// order for the time of death (HL7 v2.5.1 §3.4.2: PID-29 Patient Death Date and Time,
/// PID-30 Patient Death Indicator; PV1-36 Discharge Disposition, user table 0112 where
/// `20` = Expired in the suggested values; PV1-45 Discharge Date/Time).
public struct DeathMapping: Sendable, Equatable {
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var when: [Condition]
        public var deceasedAt: [FieldRef]
        public var line: Int
    }

    public var rules: [Rule]

    static func load(_ root: YAMLNode) throws -> DeathMapping {
        let top = try root.mapping(allowed: ["rules"], required: ["rules"])
        var names = Set<String>()
        let rules = try top["rules"]!.sequence().map { entry -> Rule in
            let m = try entry.mapping(allowed: ["name", "when", "deceasedAt"], required: ["name", "when"])
            let name = try m["name"]!.nonEmptyString()
            guard names.insert(name).inserted else { throw m["name"]!.error("rule name '\(name)' is used twice") }
            let at = try m["deceasedAt"].map { node in try (node.node.sequence != nil ? node.sequence() : [node]).map { try $0.fieldRef() } } ?? []
            return Rule(name: name, when: try Condition.loadList(m["when"]!), deceasedAt: at, line: entry.line)
        }
        return DeathMapping(rules: rules)
    }
}
