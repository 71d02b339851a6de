/// Writes the element tree as FHIR JSON (FHIR R4 json.html): `resourceType` first, members
/// in element order, repeating elements as arrays, primitives as strings, numbers (as
/// written) or booleans, their ids and extensions in `_name`, and no `null` except inside an
/// aligned `_name` array.
///
/// Writes UTF-8 bytes directly: it runs on every FHIR response and stored version.
struct FHIRJSONWriter {
    let pretty: Bool
    private(set) var out: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
        out.reserveCapacity(1024)
    }

    /// A group of children with the same name, in the order the name first appears.
    private struct Member {
        let name: String
        var nodes: [FHIRNode]
    }

    mutating func writeResource(_ node: FHIRNode, indent: Int = 0) {
        out.append(UInt8(ascii: "{"))
        var first = true
        key("resourceType", indent: indent + 1, first: &first)
        string(node.name)
        members(node.children, indent: indent + 1, first: &first)
        close(UInt8(ascii: "}"), indent: indent, empty: false)
    }

    /// The separator and key of the next member of an object.
    private mutating func key(_ name: String, indent: Int, first: inout Bool) {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        newline(indent)
        string(name)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
    }

    private mutating func close(_ bracket: UInt8, indent: Int, empty: Bool) {
        if !empty { newline(indent) }
        out.append(bracket)
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// The members for a list of children: grouped by name in first-appearance order.
    private mutating func members(_ children: [FHIRNode], indent: Int, first: inout Bool) {
        for member in Self.grouped(children) {
            let group = member.nodes
            let isList = group.count > 1 || group.contains { $0.isList == true }
            if group[0].isPrimitive {
                if isList || group.contains(where: { $0.value != nil }) {
                    key(member.name, indent: indent, first: &first)
                    if isList {
                        array(group, indent: indent) { w, node, _ in w.primitiveValue(node) }
                    } else {
                        primitiveValue(group[0])
                    }
                }
                if group.contains(where: { $0.id != nil || !$0.children.isEmpty }) {
                    key("_" + member.name, indent: indent, first: &first)
                    if isList {
                        array(group, indent: indent) { w, node, indent in w.primitiveExtras(node, indent: indent) }
                    } else {
                        primitiveExtras(group[0], indent: indent)
                    }
                }
            } else {
                key(member.name, indent: indent, first: &first)
                if isList {
                    array(group, indent: indent) { w, node, indent in w.complex(node, indent: indent) }
                } else {
                    complex(group[0], indent: indent)
                }
            }
        }
    }

    /// Children grouped by name. Same-named children are nearly always adjacent (models write
    /// them so), which needs no lookup; a name seen before joins its earlier group.
    private static func grouped(_ children: [FHIRNode]) -> [Member] {
        var groups: [Member] = []
        for child in children {
            if let last = groups.indices.last, groups[last].name == child.name {
                groups[last].nodes.append(child)
            } else if let k = groups.firstIndex(where: { $0.name == child.name }) {
                groups[k].nodes.append(child)
            } else {
                groups.append(Member(name: child.name, nodes: [child]))
            }
        }
        return groups
    }

    private mutating func array(_ nodes: [FHIRNode], indent: Int, item: (inout FHIRJSONWriter, FHIRNode, Int) -> Void) {
        out.append(UInt8(ascii: "["))
        for (i, node) in nodes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            item(&self, node, indent + 1)
        }
        close(UInt8(ascii: "]"), indent: indent, empty: false)
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
            out.append(UInt8(ascii: "{"))
            var first = true
            if let id = node.id {
                key("id", indent: indent + 1, first: &first)
                string(id)
            }
            if let url = node.url {
                key("url", indent: indent + 1, first: &first)
                string(url)
            }
            members(node.children, indent: indent + 1, first: &first)
            close(UInt8(ascii: "}"), indent: indent, empty: first)
        }
    }

    private mutating func primitiveValue(_ node: FHIRNode) {
        guard let value = node.value else {
            out.append(contentsOf: "null".utf8)
            return
        }
        switch node.kind {
        case .primitive(.number) where FHIRDecimal(value) != nil:
            out.append(contentsOf: value.utf8)
        case .primitive(.boolean) where value == "true" || value == "false":
            out.append(contentsOf: value.utf8)
        default:
            string(value)
        }
    }

    private mutating func primitiveExtras(_ node: FHIRNode, indent: Int) {
        guard node.id != nil || !node.children.isEmpty else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(UInt8(ascii: "{"))
        var first = true
        if let id = node.id {
            key("id", indent: indent + 1, first: &first)
            string(id)
        }
        members(node.children, indent: indent + 1, first: &first)
        close(UInt8(ascii: "}"), indent: indent, empty: first)
    }

    /// A JSON string with the escapes RFC 8259 requires (and U+2028/U+2029, which JavaScript
    /// does not take raw in strings).
    private mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                let escape: [UInt8]?
                var width = 1
                switch b {
                case UInt8(ascii: "\""): escape = Array(#"\""#.utf8)
                case UInt8(ascii: "\\"): escape = Array(#"\\"#.utf8)
                case 0x0A: escape = Array(#"\n"#.utf8)
                case 0x0D: escape = Array(#"\r"#.utf8)
                case 0x09: escape = Array(#"\t"#.utf8)
                case 0x08: escape = Array(#"\b"#.utf8)
                case 0x0C: escape = Array(#"\f"#.utf8)
                case 0..<0x20: escape = Self.unicodeEscape(UInt32(b))
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = Self.unicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: escape = nil
                }
                if let escape {
                    out.append(contentsOf: bytes[start..<i])
                    out.append(contentsOf: escape)
                    i += width
                    start = i
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: bytes[start..<bytes.count])
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ value: UInt32) -> [UInt8] {
        let hex = String(value, radix: 16)
        return Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
    }
}
