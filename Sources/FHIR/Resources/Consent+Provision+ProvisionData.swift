extension Consent.Provision {
    /// A resource the provision controls (`Consent.provision.data`) (FHIR R4 consent.html,
    /// Consent.provision.data).
    public struct ProvisionData: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var meaning: ConsentDataMeaning
        public var reference: Reference
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            meaning: ConsentDataMeaning,
            reference: Reference,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.meaning = meaning
            self.reference = reference
            self.preserved = preserved
        }
    }
}

extension Consent.Provision.ProvisionData: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let meaningValue: ConsentDataMeaning? = r.code("meaning", ConsentDataMeaning.self)
        let referenceValue: Reference? = r.element("reference")
        preserved = r.finish()
        self.meaning = try r.required(meaningValue, "meaning")
        self.reference = try r.required(referenceValue, "reference")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("meaning", meaning)
        w.element("reference", reference)
    }
}
