extension Patient {
    /// A language the patient can communicate in (FHIR R4 patient.html, Patient.communication).
    public struct Communication: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var language: CodeableConcept
        public var preferred: Bool?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            language: CodeableConcept,
            preferred: Bool? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.language = language
            self.preferred = preferred
            self.preserved = preserved
        }
    }
}

extension Patient.Communication: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let languageValue: CodeableConcept? = r.element("language")
        preferred = r.bool("preferred")
        preserved = r.finish()
        self.language = try r.required(languageValue, "language")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.element("language", language)
        w.bool("preferred", preferred)
    }
}
