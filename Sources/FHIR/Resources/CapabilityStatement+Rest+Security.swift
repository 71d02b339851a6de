extension CapabilityStatement.Rest {
    /// How the API is secured (FHIR R4 capabilitystatement.html, CapabilityStatement.rest.security).
    public struct Security: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var cors: Bool?
        public var service: [CodeableConcept]
        public var description: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            cors: Bool? = nil,
            service: [CodeableConcept] = [],
            description: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.cors = cors
            self.service = service
            self.description = description
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Rest.Security: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        cors = r.bool("cors")
        service = r.elements("service")
        description = r.primitive("description", .markdown)
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.bool("cors", cors)
        w.elements("service", service)
        w.primitive("description", description, .markdown)
    }
}
