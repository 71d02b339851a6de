/// An extension: the `url` of its definition and either a value or nested extensions
/// (FHIR R4 extensibility.html; ext-1: "Must have either extensions or value[x], not both").
///
/// `modifierExtension` elements use the same type.
public struct Extension: Sendable, Equatable {
    public var id: String?
    /// The canonical URL of the StructureDefinition that defines the extension.
    public var url: String
    public var value: Value?
    /// Nested extensions (a complex extension).
    public var `extension`: [Extension]
    /// Primitive extensions of `value` and anything else kept from reading.
    public var preserved: PreservedContent

    public init(id: String? = nil, url: String, value: Value? = nil, extension: [Extension] = [],
                preserved: PreservedContent = PreservedContent()) {
        self.id = id
        self.url = url
        self.value = value
        self.extension = `extension`
        self.preserved = preserved
    }
}

extension Extension: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        value = Value.read(from: &r)
        preserved = r.finish()
        guard let url = r.node.url else {
            r.report(.required, at: r.childPath("url"), "an extension needs a url")
            throw DecodeAbort()
        }
        if let problem = FHIRPrimitiveType.uri.problem(with: url) {
            r.report(.value, at: r.childPath("url"), problem)
            throw DecodeAbort()
        }
        self.url = url
        if (value == nil) == `extension`.isEmpty, !r.issues.contains(where: { $0.path.hasPrefix(r.path) }) {
            r.report(.invariant, at: r.path, "ext-1: an extension has either a value[x] or nested extensions, not both")
        }
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.url = url
        w.elements("extension", `extension`)
        value?.write(to: &w)
    }
}
