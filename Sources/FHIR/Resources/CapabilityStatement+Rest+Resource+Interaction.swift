extension CapabilityStatement.Rest.Resource {
    /// An operation on the resource type (FHIR R4 capabilitystatement.html,
    /// CapabilityStatement.rest.resource.interaction).
    public struct Interaction: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var code: TypeRestfulInteraction
        public var documentation: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            code: TypeRestfulInteraction,
            documentation: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.code = code
            self.documentation = documentation
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Rest.Resource.Interaction: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let codeValue: TypeRestfulInteraction? = r.code("code", TypeRestfulInteraction.self)
        documentation = r.primitive("documentation", .markdown)
        preserved = r.finish()
        self.code = try r.required(codeValue, "code")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("code", code)
        w.primitive("documentation", documentation, .markdown)
    }
}
