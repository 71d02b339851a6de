extension CapabilityStatement {
    /// The RESTful API of one side (server or client) (FHIR R4 capabilitystatement.html,
    /// CapabilityStatement.rest).
    public struct Rest: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var mode: RestfulCapabilityMode
        public var documentation: String?
        public var security: CapabilityStatement.Rest.Security?
        public var resource: [CapabilityStatement.Rest.Resource]
        public var interaction: [CapabilityStatement.Rest.Interaction]
        public var searchParam: [CapabilityStatement.Rest.Resource.SearchParam]
        public var operation: [CapabilityStatement.Rest.Resource.Operation]
        public var compartment: [String]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            mode: RestfulCapabilityMode,
            documentation: String? = nil,
            security: CapabilityStatement.Rest.Security? = nil,
            resource: [CapabilityStatement.Rest.Resource] = [],
            interaction: [CapabilityStatement.Rest.Interaction] = [],
            searchParam: [CapabilityStatement.Rest.Resource.SearchParam] = [],
            operation: [CapabilityStatement.Rest.Resource.Operation] = [],
            compartment: [String] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.mode = mode
            self.documentation = documentation
            self.security = security
            self.resource = resource
            self.interaction = interaction
            self.searchParam = searchParam
            self.operation = operation
            self.compartment = compartment
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Rest: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let modeValue: RestfulCapabilityMode? = r.code("mode", RestfulCapabilityMode.self)
        documentation = r.primitive("documentation", .markdown)
        security = r.element("security")
        resource = r.elements("resource")
        interaction = r.elements("interaction")
        searchParam = r.elements("searchParam")
        operation = r.elements("operation")
        compartment = r.primitives("compartment", .canonical)
        preserved = r.finish()
        self.mode = try r.required(modeValue, "mode")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("mode", mode)
        w.primitive("documentation", documentation, .markdown)
        w.element("security", security)
        w.elements("resource", resource)
        w.elements("interaction", interaction)
        w.elements("searchParam", searchParam)
        w.elements("operation", operation)
        w.primitives("compartment", compartment, .canonical)
    }
}
