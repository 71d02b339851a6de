extension Consent {
    /// A policy the consent refers to (FHIR R4 consent.html, Consent.policy).
    public struct Policy: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var authority: String?
        public var uri: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            authority: String? = nil,
            uri: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.authority = authority
            self.uri = uri
            self.preserved = preserved
        }
    }
}

extension Consent.Policy: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        authority = r.primitive("authority", .uri)
        uri = r.primitive("uri", .uri)
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("authority", authority, .uri)
        w.primitive("uri", uri, .uri)
    }
}
