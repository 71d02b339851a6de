extension Bundle {
    /// A link related to the bundle or an entry (FHIR R4 bundle.html, Bundle.link).
    public struct Link: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var relation: String
        public var url: String
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            relation: String,
            url: String,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.relation = relation
            self.url = url
            self.preserved = preserved
        }
    }
}

extension Bundle.Link: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let relationValue: String? = r.primitive("relation", .string)
        let urlValue: String? = r.primitive("url", .uri)
        preserved = r.finish()
        self.relation = try r.required(relationValue, "relation")
        self.url = try r.required(urlValue, "url")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("relation", relation, .string)
        w.primitive("url", url, .uri)
    }
}
