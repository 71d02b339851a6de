extension Consent.Provision {
    /// Who the provision applies to, in which role (FHIR R4 consent.html, Consent.provision.actor).
    public struct Actor: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var role: CodeableConcept
        public var reference: Reference
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            role: CodeableConcept,
            reference: Reference,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.role = role
            self.reference = reference
            self.preserved = preserved
        }
    }
}

extension Consent.Provision.Actor: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let roleValue: CodeableConcept? = r.element("role")
        let referenceValue: Reference? = r.element("reference")
        preserved = r.finish()
        self.role = try r.required(roleValue, "role")
        self.reference = try r.required(referenceValue, "reference")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.element("role", role)
        w.element("reference", reference)
    }
}
