/// An element of an XML document as read by ``SafeXMLParser``: local name, namespace,
/// attributes by qualified name (namespace declarations excluded), and mixed content.
struct ParsedXMLElement: Sendable, Equatable {
    indirect enum Content: Sendable, Equatable {
        case element(ParsedXMLElement)
        case text(String)
    }

    var namespace: String?
    var name: String
    var attributes: [String: String]
    var content: [Content] = []
    /// Line of the start tag, for error messages.
    var line: Int

    /// The child elements, without text.
    var elements: [ParsedXMLElement] {
        content.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }

    /// All text directly inside this element.
    var text: String {
        content.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
    }
}
