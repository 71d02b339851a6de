/// A reference from one resource to another (FHIR R4 references.html#Reference).
public struct Reference: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    /// A literal reference: relative (`Patient/123`), absolute, `urn:uuid:…` or `#contained`.
    public var reference: String?
    public var type: String?
    public var identifier: Identifier?
    public var display: String?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        reference: String? = nil,
        type: String? = nil,
        identifier: Identifier? = nil,
        display: String? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.reference = reference
        self.type = type
        self.identifier = identifier
        self.display = display
        self.preserved = preserved
    }
}

extension Reference: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        reference = r.primitive("reference", .string)
        type = r.primitive("type", .uri)
        identifier = r.element("identifier")
        display = r.primitive("display", .string)
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.primitive("reference", reference, .string)
        w.primitive("type", type, .uri)
        w.element("identifier", identifier)
        w.primitive("display", display, .string)
    }
}
