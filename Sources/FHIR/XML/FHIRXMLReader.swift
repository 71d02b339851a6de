/// Maps parsed XML to the element tree (FHIR R4 xml.html): every element in the FHIR
/// namespace; `value`, `id` and (on extensions) `url` attributes; no text content; the
/// narrative `div` in the XHTML namespace; a child whose name starts with an upper-case
/// letter is a resource.
struct FHIRXMLReader {
    static let namespace = "http://hl7.org/fhir"
    private(set) var issues: [FHIRIssue] = []

    /// The resource node for the root element.
    mutating func resource(_ root: ParsedXMLElement) -> FHIRNode? {
        guard root.namespace == Self.namespace else {
            issues.append(FHIRIssue(.structure, path: "",
                                    "the root element must be in the FHIR namespace \(Self.namespace) (found \(root.namespace ?? "none"))"))
            return nil
        }
        guard root.name.first?.isUppercase == true else {
            issues.append(FHIRIssue(.structure, path: "", "the root element '\(root.name)' is not a resource"))
            return nil
        }
        return node(root, path: root.name)
    }

    private mutating func node(_ e: ParsedXMLElement, path: String) -> FHIRNode {
        let isResource = e.name.first?.isUppercase == true
        var node = FHIRNode(name: e.name, kind: isResource ? .resource : .element)
        for (key, value) in e.attributes {
            switch key {
            case "value" where !isResource:
                node.value = value
                node.kind = .primitive(.text)
            case "id" where !isResource: node.id = value
            case "url" where e.name == "extension" || e.name == "modifierExtension": node.url = value
            case _ where key.contains(":"):
                continue  // attributes in other namespaces (xsi:schemaLocation) carry no FHIR content
            default:
                issues.append(FHIRIssue(.structure, path: path, "unexpected attribute '\(key)' on <\(e.name)> (line \(e.line))"))
            }
        }
        if node.value == "" {
            issues.append(FHIRIssue(.value, path: path, "empty value attributes are not allowed"))
        }
        if e.text.contains(where: { !$0.isWhitespace }) {
            issues.append(FHIRIssue(.structure, path: path, "text is not allowed inside <\(e.name)> (line \(e.line)); values go in value attributes"))
        }
        var counts: [String: Int] = [:]
        for child in e.elements { counts[child.name, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for child in e.elements {
            let index = seen[child.name, default: 0]
            seen[child.name] = index + 1
            let childPath = counts[child.name]! > 1 ? "\(path).\(child.name)[\(index)]" : "\(path).\(child.name)"
            if child.name == "div", child.namespace == XHTMLNarrative.namespace {
                switch XHTMLNarrative.canonical(child) {
                case .success(let xhtml):
                    node.children.append(FHIRNode(name: "div", kind: .xhtml, value: xhtml))
                case .failure(let problem):
                    issues.append(FHIRIssue(.value, path: childPath, problem))
                }
                continue
            }
            guard child.namespace == Self.namespace else {
                issues.append(FHIRIssue(.structure, path: childPath,
                                        "<\(child.name)> (line \(child.line)) is not in the FHIR namespace (\(child.namespace ?? "no namespace"))"))
                continue
            }
            node.children.append(self.node(child, path: childPath))
        }
        return node
    }
}
