/// Writes the element tree as FHIR JSON (FHIR R4 json.html): `resourceType` first, members
/// in element order, repeating elements as arrays, primitives as strings, numbers (as
/// written) or booleans, their ids and extensions in `_name`, and no `null` except inside an
/// aligned `_name` array.
struct FHIRJSONWriter {
    let pretty: Bool
    private(set) var out = ""

    init(pretty: Bool) { self.pretty = pretty }

    mutating func writeResource(_ node: FHIRNode, indent: Int = 0) {
        var members: [(String, (inout FHIRJSONWriter, Int) -> Void)] = [("resourceType", { w, _ in w.string(node.name) })]
        members += memberWriters(for: node.children)
        object(members, indent: indent)
    }

    private mutating func object(_ members: [(String, (inout FHIRJSONWriter, Int) -> Void)], indent: Int) {
        out += "{"
        for (i, (key, write)) in members.enumerated() {
            if i > 0 { out += "," }
            newline(indent + 1)
            string(key)
            out += pretty ? ": " : ":"
            write(&self, indent + 1)
        }
        if !members.isEmpty { newline(indent) }
        out += "}"
    }

    private mutating func array(_ count: Int, indent: Int, item: (inout FHIRJSONWriter, Int, Int) -> Void) {
        out += "["
        for i in 0..<count {
            if i > 0 { out += "," }
            newline(indent + 1)
            item(&self, i, indent + 1)
        }
        newline(indent)
        out += "]"
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    /// The members for a list of children: grouped by name in first-appearance order.
    private func memberWriters(for children: [FHIRNode]) -> [(String, (inout FHIRJSONWriter, Int) -> Void)] {
        var order: [String] = []
        var groups: [String: [FHIRNode]] = [:]
        for child in children {
            if groups[child.name] == nil { order.append(child.name) }
            groups[child.name, default: []].append(child)
        }
        var members: [(String, (inout FHIRJSONWriter, Int) -> Void)] = []
        for name in order {
            let group = groups[name]!
            let isList = group.contains { $0.isList == true } || group.count > 1
            if group[0].isPrimitive {
                if group.contains(where: { $0.value != nil }) || isList {
                    members.append((name, { w, indent in
                        if isList {
                            w.array(group.count, indent: indent) { w, i, _ in w.primitiveValue(group[i]) }
                        } else {
                            w.primitiveValue(group[0])
                        }
                    }))
                }
                if group.contains(where: { $0.id != nil || !$0.children.isEmpty }) {
                    members.append(("_" + name, { w, indent in
                        if isList {
                            w.array(group.count, indent: indent) { w, i, indent in w.primitiveExtras(group[i], indent: indent) }
                        } else {
                            w.primitiveExtras(group[0], indent: indent)
                        }
                    }))
                }
            } else {
                members.append((name, { w, indent in
                    if isList {
                        w.array(group.count, indent: indent) { w, i, indent in w.complex(group[i], indent: indent) }
                    } else {
                        w.complex(group[0], indent: indent)
                    }
                }))
            }
        }
        return members
    }

    private mutating func complex(_ node: FHIRNode, indent: Int) {
        switch node.kind {
        case .xhtml:
            string(node.value ?? "")
        case .resource:
            writeResource(node, indent: indent)
        case .element where node.children.count == 1 && node.children[0].kind == .resource && node.id == nil:
            writeResource(node.children[0], indent: indent)
        default:
            var members: [(String, (inout FHIRJSONWriter, Int) -> Void)] = []
            if let id = node.id { members.append(("id", { w, _ in w.string(id) })) }
            if let url = node.url { members.append(("url", { w, _ in w.string(url) })) }
            members += memberWriters(for: node.children)
            object(members, indent: indent)
        }
    }

    private mutating func primitiveValue(_ node: FHIRNode) {
        guard let value = node.value else {
            out += "null"
            return
        }
        switch node.kind {
        case .primitive(.number) where FHIRDecimal(value) != nil:
            out += value
        case .primitive(.boolean) where value == "true" || value == "false":
            out += value
        default:
            string(value)
        }
    }

    private mutating func primitiveExtras(_ node: FHIRNode, indent: Int) {
        guard node.id != nil || !node.children.isEmpty else {
            out += "null"
            return
        }
        var members: [(String, (inout FHIRJSONWriter, Int) -> Void)] = []
        if let id = node.id { members.append(("id", { w, _ in w.string(id) })) }
        members += memberWriters(for: node.children)
        object(members, indent: indent)
    }

    /// A JSON string with the escapes RFC 8259 requires.
    private mutating func string(_ s: String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
