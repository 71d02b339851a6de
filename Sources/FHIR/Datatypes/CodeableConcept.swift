/// A concept as codings and/or text (FHIR R4 datatypes.html#CodeableConcept).
public struct CodeableConcept: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var coding: [Coding]
    public var text: String?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        coding: [Coding] = [],
        text: String? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.coding = coding
        self.text = text
        self.preserved = preserved
    }

    /// A concept with one coding.
    public init(system: String, code: String, display: String? = nil, text: String? = nil) {
        self.init(coding: [Coding(system: system, code: code, display: display)], text: text)
    }

    /// Whether one of the codings has this system and code.
    public func contains(system: String, code: String) -> Bool {
        coding.contains { $0.system == system && $0.code == code }
    }
}

extension CodeableConcept: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        coding = r.elements("coding")
        text = r.primitive("text", .string)
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("coding", coding)
        w.primitive("text", text, .string)
    }
}
