extension Patient {
    /// A link to another Patient (or RelatedPerson) resource (FHIR R4 patient.html, Patient.link).
    public struct Link: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var other: Reference
        public var type: LinkType
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            other: Reference,
            type: LinkType,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.other = other
            self.type = type
            self.preserved = preserved
        }
    }
}

extension Patient.Link: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let otherValue: Reference? = r.element("other")
        let typeValue: LinkType? = r.code("type", LinkType.self)
        preserved = r.finish()
        self.other = try r.required(otherValue, "other")
        self.type = try r.required(typeValue, "type")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.element("other", other)
        w.code("type", type)
    }
}
