extension Patient {
    /// A contact party: guardian, partner, friend (FHIR R4 patient.html, Patient.contact).
    public struct Contact: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var relationship: [CodeableConcept]
        public var name: HumanName?
        public var telecom: [ContactPoint]
        public var address: Address?
        public var gender: AdministrativeGender?
        public var organization: Reference?
        public var period: Period?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            relationship: [CodeableConcept] = [],
            name: HumanName? = nil,
            telecom: [ContactPoint] = [],
            address: Address? = nil,
            gender: AdministrativeGender? = nil,
            organization: Reference? = nil,
            period: Period? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.relationship = relationship
            self.name = name
            self.telecom = telecom
            self.address = address
            self.gender = gender
            self.organization = organization
            self.period = period
            self.preserved = preserved
        }
    }
}

extension Patient.Contact: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        relationship = r.elements("relationship")
        name = r.element("name")
        telecom = r.elements("telecom")
        address = r.element("address")
        gender = r.code("gender", AdministrativeGender.self)
        organization = r.element("organization")
        period = r.element("period")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.elements("relationship", relationship)
        w.element("name", name)
        w.elements("telecom", telecom)
        w.element("address", address)
        w.code("gender", gender)
        w.element("organization", organization)
        w.element("period", period)
    }
}
