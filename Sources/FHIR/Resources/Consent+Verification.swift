extension Consent {
    /// A verification of the consent with the patient or a representative (FHIR R4 consent.html,
    /// Consent.verification).
    public struct Verification: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var verified: Bool
        public var verifiedWith: Reference?
        public var verificationDate: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            verified: Bool,
            verifiedWith: Reference? = nil,
            verificationDate: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.verified = verified
            self.verifiedWith = verifiedWith
            self.verificationDate = verificationDate
            self.preserved = preserved
        }
    }
}

extension Consent.Verification: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let verifiedValue: Bool? = r.bool("verified")
        verifiedWith = r.element("verifiedWith")
        verificationDate = r.primitive("verificationDate", .dateTime)
        preserved = r.finish()
        self.verified = try r.required(verifiedValue, "verified")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.bool("verified", verified)
        w.element("verifiedWith", verifiedWith)
        w.primitive("verificationDate", verificationDate, .dateTime)
    }
}
