/// Writes a model's children into ``FHIRNode``s in the order the model calls it (which is
/// the definition order, FHIR R4 xml.html), attaching the ids and extensions of primitive
/// elements from the model's ``PreservedContent`` and appending its unknown elements.
struct NodeWriter {
    private(set) var children: [FHIRNode] = []
    /// Where the children of each element name end, so kept nodes of a known name (an
    /// unsupported contained resource) go back to their place in the element order.
    private var ends: [String: Int] = [:]
    private let preserved: PreservedContent
    /// The element's own `id` attribute.
    var id: String?
    /// An extension's `url` attribute.
    var url: String?

    init(preserved: PreservedContent = PreservedContent()) {
        self.preserved = preserved
    }

    // MARK: - Primitives

    private mutating func append(_ name: String, _ nodes: [FHIRNode]) {
        children += nodes
        ends[name] = children.count
    }

    mutating func primitive(_ name: String, _ value: String?, _ type: FHIRPrimitiveType) {
        let ext = preserved.primitiveExtensions[name]?.first ?? nil
        append(name, value != nil || ext != nil ? [Self.primitiveNode(name, value, type, ext, isList: false)] : [])
    }

    mutating func primitives(_ name: String, _ values: [String], _ type: FHIRPrimitiveType) {
        let exts = preserved.primitiveExtensions[name] ?? []
        append(name, values.enumerated().map { i, value in
            Self.primitiveNode(name, value, type, i < exts.count ? exts[i] : nil, isList: true)
        })
    }

    private static func primitiveNode(_ name: String, _ value: String?, _ type: FHIRPrimitiveType,
                                      _ ext: PrimitiveExtension?, isList: Bool) -> FHIRNode {
        var extensions: [FHIRNode] = []
        for e in ext?.extension ?? [] {
            extensions.append(elementNode("extension", e, isList: true))
        }
        return FHIRNode(name: name, kind: .primitive(type.jsonForm), value: value, id: ext?.id,
                        isList: isList, children: extensions)
    }

    mutating func bool(_ name: String, _ value: Bool?) {
        primitive(name, value.map { $0 ? "true" : "false" }, .boolean)
    }

    mutating func int(_ name: String, _ value: Int?, _ type: FHIRPrimitiveType = .integer) {
        primitive(name, value.map(String.init), type)
    }

    mutating func decimal(_ name: String, _ value: FHIRDecimal?) {
        primitive(name, value?.text, .decimal)
    }

    mutating func code<C: FHIRCode>(_ name: String, _ value: C?) {
        primitive(name, value?.rawValue, .code)
    }

    mutating func codes<C: FHIRCode>(_ name: String, _ values: [C]) {
        primitives(name, values.map(\.rawValue), .code)
    }

    // MARK: - Complex elements and resources

    mutating func element<T: FHIRElementModel>(_ name: String, _ value: T?) {
        append(name, value.map { [Self.elementNode(name, $0, isList: false)] } ?? [])
    }

    mutating func elements<T: FHIRElementModel>(_ name: String, _ values: [T]) {
        append(name, values.map { Self.elementNode(name, $0, isList: true) })
    }

    static func elementNode<T: FHIRElementModel>(_ name: String, _ value: T, isList: Bool) -> FHIRNode {
        var sub = NodeWriter(preserved: value.preserved)
        value.encode(to: &sub)
        return FHIRNode(name: name, kind: .element, id: sub.id, url: sub.url, isList: isList, children: sub.finish())
    }

    mutating func resource(_ name: String, _ value: FHIRResource?) {
        append(name, value.map { [FHIRNode(name: name, kind: .element, isList: false, children: [$0.node])] } ?? [])
    }

    mutating func resources(_ name: String, _ values: [FHIRResource]) {
        append(name, values.map { FHIRNode(name: name, kind: .element, isList: true, children: [$0.node]) })
    }

    /// A `div` (FHIR R4 narrative): the XHTML as text.
    mutating func xhtml(_ name: String, _ value: String) {
        append(name, [FHIRNode(name: name, kind: .xhtml, value: value, isList: false)])
    }

    /// Content kept without a model, as read.
    mutating func raw(_ node: FHIRNode) {
        append(node.name, [node])
    }

    /// The children written, with the kept unknown elements: after the children of the same
    /// name when there are such (so `contained` stays in place), otherwise at the end.
    func finish() -> [FHIRNode] {
        guard !preserved.unknownElements.isEmpty else { return children }
        var inserts: [Int: [FHIRNode]] = [:]
        var tail: [FHIRNode] = []
        for node in preserved.unknownElements {
            if let end = ends[node.name] { inserts[end, default: []].append(node) } else { tail.append(node) }
        }
        var result: [FHIRNode] = []
        for (i, child) in children.enumerated() {
            result += inserts[i] ?? []
            result.append(child)
        }
        return result + (inserts[children.count] ?? []) + tail
    }
}
