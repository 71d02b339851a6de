/// HD, hierarchic designator (HL7 v2.5.1 §2.A.33): how MSH-3 to MSH-6 name applications and
/// facilities — a local namespace ID, and/or a universal ID with its type (`ISO`, `DNS`, …).
public struct HL7HierarchicDesignator: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var namespaceID: String?
    public var universalID: String?
    public var universalIDType: String?

    public init(namespaceID: String?, universalID: String? = nil, universalIDType: String? = nil) {
        self.namespaceID = namespaceID
        self.universalID = universalID
        self.universalIDType = universalIDType
    }

    public init(stringLiteral value: String) {
        self.init(namespaceID: value)
    }

    init(_ field: HL7Field) {
        self.init(
            namespaceID: field.component(1).value, universalID: field.component(2).value,
            universalIDType: field.component(3).value)
    }

    /// Nothing is valued.
    public var isEmpty: Bool { namespaceID == nil && universalID == nil && universalIDType == nil }

    /// `namespace^universal^type`, unescaped, trailing empties dropped.
    public var description: String {
        var parts = [namespaceID ?? "", universalID ?? "", universalIDType ?? ""]
        while parts.last == "" { parts.removeLast() }
        return parts.joined(separator: "^")
    }

    func write(to message: inout HL7Message, field: Int) {
        for (offset, value) in [namespaceID, universalID, universalIDType].enumerated() {
            if let value { message.set(value, at: try! HL7Path(segment: "MSH", field: field, component: offset + 1)) }
        }
    }
}
