/// Writes the element tree as FHIR XML (FHIR R4 xml.html): the root resource declares the
/// FHIR namespace, children come in element order, primitive values go in `value`
/// attributes, element ids in `id` and extension URLs in `url` attributes, and the narrative
/// `div` is written as XHTML in its own namespace.
struct FHIRXMLWriter {
    let pretty: Bool
    private(set) var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    private(set) var issues: [FHIRIssue] = []

    init(pretty: Bool) { self.pretty = pretty }

    mutating func writeRoot(_ node: FHIRNode) {
        element(node, path: node.name, indent: 0, root: true)
        if pretty { out += "\n" }
    }

    private mutating func element(_ node: FHIRNode, path: String, indent: Int, root: Bool = false) {
        if pretty { out += "\n" + String(repeating: "  ", count: indent) }
        if node.kind == .xhtml {
            switch XHTMLNarrative.canonical(node.value ?? "") {
            case .success(let xhtml): out += xhtml
            case .failure(let problem): issues.append(FHIRIssue(.value, path: path, problem))
            }
            return
        }
        out += "<" + node.name
        if root { out += " xmlns=\"\(FHIRXMLReader.namespace)\"" }
        if let id = node.id { attribute("id", id, path: path) }
        if let url = node.url { attribute("url", url, path: path) }
        if let value = node.value { attribute("value", value, path: path) }
        guard !node.children.isEmpty else {
            out += "/>"
            return
        }
        out += ">"
        var counts: [String: Int] = [:]
        for child in node.children { counts[child.name, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for child in node.children {
            let index = seen[child.name, default: 0]
            seen[child.name] = index + 1
            let childPath = counts[child.name]! > 1 || child.isList == true ? "\(path).\(child.name)[\(index)]" : "\(path).\(child.name)"
            element(child, path: childPath, indent: indent + 1)
        }
        if pretty { out += "\n" + String(repeating: "  ", count: indent) }
        out += "</\(node.name)>"
    }

    /// An attribute; characters XML 1.0 cannot carry are an error (FHIR strings exclude them).
    private mutating func attribute(_ name: String, _ value: String, path: String) {
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value))
            || $0.value == 0xFFFE || $0.value == 0xFFFF }) {
            issues.append(FHIRIssue(.value, path: path, "the \(name) contains a character XML cannot represent"))
            return
        }
        out += " \(name)=\"\(XMLEscaping.attribute(value))\""
    }
}
