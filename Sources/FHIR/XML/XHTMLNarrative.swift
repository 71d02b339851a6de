import Foundation

/// Checks and canonicalises the XHTML of a narrative `div` (FHIR R4 narrative.html):
/// the root is `div` in the XHTML namespace, every element is XHTML (txt-1), nothing active
/// (no scripts, forms, frames, objects, event attributes or `javascript:` links, txt-1), and
/// there is some text or an image (txt-2).
///
/// The canonical form is what both codecs write: attributes sorted by name, the XHTML
/// namespace declared once on the `div`, empty elements as `<br/>`, and text escaped minimally,
/// so a narrative read from JSON or XML compares equal.
enum XHTMLNarrative {
    static let namespace = "http://www.w3.org/1999/xhtml"

    /// The canonical XHTML, or why the narrative is not acceptable.
    enum Checked {
        case success(String)
        case failure(String)
    }

    /// Elements FHIR narrative excludes (txt-1), or that could make it active.
    static let forbidden: Set<String> = [
        "script", "style", "form", "input", "button", "select", "textarea", "option", "base", "link", "meta",
        "frame", "frameset", "iframe", "object", "applet", "embed", "param", "head", "body", "html", "title",
        "noscript", "svg", "math", "audio", "video", "source", "canvas",
    ]

    /// The canonical text of the `div` given as a string (the JSON form), or why it is not valid.
    static func canonical(_ text: String, limits: FHIRDecodingLimits = .default) -> Checked {
        let root: ParsedXMLElement
        do {
            root = try SafeXMLParser.parse(Data(text.utf8), limits: limits)
        } catch {
            return .failure("the narrative is not well-formed XHTML: \(error.issues.first?.message ?? "")")
        }
        return canonical(root)
    }

    /// The canonical text of a parsed `div` (the XML form), or why it is not valid.
    static func canonical(_ div: ParsedXMLElement) -> Checked {
        guard div.name == "div", div.namespace == namespace else {
            return .failure("the narrative must be a <div> in the XHTML namespace \(namespace)")
        }
        var out = ""
        var hasContent = false
        if let problem = write(div, root: true, to: &out, hasContent: &hasContent) { return .failure(problem) }
        guard hasContent else { return .failure("the narrative has no text or image (txt-2)") }
        return .success(out)
    }

    private static func write(_ e: ParsedXMLElement, root: Bool, to out: inout String, hasContent: inout Bool) -> String? {
        guard e.namespace == namespace else {
            return "the narrative may only contain XHTML elements (found '\(e.name)' in \(e.namespace ?? "no namespace"))"
        }
        let name = e.name.lowercased()
        guard !forbidden.contains(name) else { return "the narrative must not contain <\(e.name)> (txt-1)" }
        if name == "img" { hasContent = true }
        out += "<" + e.name
        if root { out += " xmlns=\"\(namespace)\"" }
        for (key, value) in e.attributes.sorted(by: { $0.key < $1.key }) {
            let lower = key.lowercased()
            guard !lower.hasPrefix("on") else { return "the narrative must not have event attributes ('\(key)', txt-1)" }
            guard !key.contains(":") || key == "xml:lang" || key == "xml:space" else {
                return "the narrative must not have the attribute '\(key)'"
            }
            let scheme = value.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControl }
            if ["href", "src", "action", "cite", "background"].contains(lower),
               scheme.hasPrefix("javascript:") || scheme.hasPrefix("vbscript:") || scheme.hasPrefix("data:text") {
                return "the narrative must not link to active content ('\(key)', txt-1)"
            }
            out += " \(key)=\"\(XMLEscaping.attribute(value))\""
        }
        guard !e.content.isEmpty else {
            out += "/>"
            return nil
        }
        out += ">"
        for item in e.content {
            switch item {
            case .text(let text):
                if text.contains(where: { !$0.isWhitespace }) { hasContent = true }
                out += XMLEscaping.text(text)
            case .element(let child):
                if let problem = write(child, root: false, to: &out, hasContent: &hasContent) { return problem }
            }
        }
        out += "</\(e.name)>"
        return nil
    }
}

private extension Character {
    var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}
