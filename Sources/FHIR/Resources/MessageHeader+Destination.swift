extension MessageHeader {
    /// Where the message goes (FHIR R4 messageheader.html, MessageHeader.destination).
    public struct Destination: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var name: String?
        public var target: Reference?
        public var endpoint: String
        public var receiver: Reference?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            name: String? = nil,
            target: Reference? = nil,
            endpoint: String,
            receiver: Reference? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.name = name
            self.target = target
            self.endpoint = endpoint
            self.receiver = receiver
            self.preserved = preserved
        }
    }
}

extension MessageHeader.Destination: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        name = r.primitive("name", .string)
        target = r.element("target")
        let endpointValue: String? = r.primitive("endpoint", .url)
        receiver = r.element("receiver")
        preserved = r.finish()
        self.endpoint = try r.required(endpointValue, "endpoint")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("name", name, .string)
        w.element("target", target)
        w.primitive("endpoint", endpoint, .url)
        w.element("receiver", receiver)
    }
}
