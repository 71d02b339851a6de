extension MessageHeader {
    /// Where the message comes from (FHIR R4 messageheader.html, MessageHeader.source).
    public struct Source: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var name: String?
        public var software: String?
        public var version: String?
        public var contact: ContactPoint?
        public var endpoint: String
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            name: String? = nil,
            software: String? = nil,
            version: String? = nil,
            contact: ContactPoint? = nil,
            endpoint: String,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.name = name
            self.software = software
            self.version = version
            self.contact = contact
            self.endpoint = endpoint
            self.preserved = preserved
        }
    }
}

extension MessageHeader.Source: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        name = r.primitive("name", .string)
        software = r.primitive("software", .string)
        version = r.primitive("version", .string)
        contact = r.element("contact")
        let endpointValue: String? = r.primitive("endpoint", .url)
        preserved = r.finish()
        self.endpoint = try r.required(endpointValue, "endpoint")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("name", name, .string)
        w.primitive("software", software, .string)
        w.primitive("version", version, .string)
        w.element("contact", contact)
        w.primitive("endpoint", endpoint, .url)
    }
}
