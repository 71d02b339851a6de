extension CapabilityStatement {
    /// The installation the statement describes (FHIR R4 capabilitystatement.html,
    /// CapabilityStatement.implementation).
    public struct Implementation: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var description: String
        public var url: String?
        public var custodian: Reference?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            description: String,
            url: String? = nil,
            custodian: Reference? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.description = description
            self.url = url
            self.custodian = custodian
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Implementation: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let descriptionValue: String? = r.primitive("description", .string)
        url = r.primitive("url", .url)
        custodian = r.element("custodian")
        preserved = r.finish()
        self.description = try r.required(descriptionValue, "description")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("description", description, .string)
        w.primitive("url", url, .url)
        w.element("custodian", custodian)
    }
}
