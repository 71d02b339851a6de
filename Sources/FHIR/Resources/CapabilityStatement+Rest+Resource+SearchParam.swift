extension CapabilityStatement.Rest.Resource {
    /// A search parameter the server supports (FHIR R4 capabilitystatement.html,
    /// CapabilityStatement.rest.resource.searchParam).
    public struct SearchParam: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var name: String
        public var definition: String?
        public var type: SearchParamType
        public var documentation: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            name: String,
            definition: String? = nil,
            type: SearchParamType,
            documentation: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.name = name
            self.definition = definition
            self.type = type
            self.documentation = documentation
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Rest.Resource.SearchParam: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let nameValue: String? = r.primitive("name", .string)
        definition = r.primitive("definition", .canonical)
        let typeValue: SearchParamType? = r.code("type", SearchParamType.self)
        documentation = r.primitive("documentation", .markdown)
        preserved = r.finish()
        self.name = try r.required(nameValue, "name")
        self.type = try r.required(typeValue, "type")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("name", name, .string)
        w.primitive("definition", definition, .canonical)
        w.code("type", type)
        w.primitive("documentation", documentation, .markdown)
    }
}
