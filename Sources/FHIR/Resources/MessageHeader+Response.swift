extension MessageHeader {
    /// The message this one answers and how it went (FHIR R4 messageheader.html,
    /// MessageHeader.response).
    public struct Response: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        /// The `MessageHeader.id` of the message answered.
        public var identifier: String
        public var code: ResponseType
        /// An OperationOutcome with the details.
        public var details: Reference?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            identifier: String,
            code: ResponseType,
            details: Reference? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.identifier = identifier
            self.code = code
            self.details = details
            self.preserved = preserved
        }
    }
}

extension MessageHeader.Response: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let identifierValue: String? = r.primitive("identifier", .id)
        let codeValue: ResponseType? = r.code("code", ResponseType.self)
        details = r.element("details")
        preserved = r.finish()
        self.identifier = try r.required(identifierValue, "identifier")
        self.code = try r.required(codeValue, "code")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("identifier", identifier, .id)
        w.code("code", code)
        w.element("details", details)
    }
}
