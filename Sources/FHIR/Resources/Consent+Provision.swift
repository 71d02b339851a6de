extension Consent {
    /// A rule: permit or deny, for whom, what, when and why; provisions nest to make exceptions (FHIR
    /// R4 consent.html, Consent.provision).
    public struct Provision: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var type: ConsentProvisionType?
        public var period: Period?
        public var actor: [Consent.Provision.Actor]
        public var action: [CodeableConcept]
        public var securityLabel: [Coding]
        public var purpose: [Coding]
        public var `class`: [Coding]
        public var code: [CodeableConcept]
        public var dataPeriod: Period?
        public var data: [Consent.Provision.ProvisionData]
        /// Nested provisions: exceptions to this one.
        public var provision: [Consent.Provision]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            type: ConsentProvisionType? = nil,
            period: Period? = nil,
            actor: [Consent.Provision.Actor] = [],
            action: [CodeableConcept] = [],
            securityLabel: [Coding] = [],
            purpose: [Coding] = [],
            class: [Coding] = [],
            code: [CodeableConcept] = [],
            dataPeriod: Period? = nil,
            data: [Consent.Provision.ProvisionData] = [],
            provision: [Consent.Provision] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.type = type
            self.period = period
            self.actor = actor
            self.action = action
            self.securityLabel = securityLabel
            self.purpose = purpose
            self.`class` = `class`
            self.code = code
            self.dataPeriod = dataPeriod
            self.data = data
            self.provision = provision
            self.preserved = preserved
        }
    }
}

extension Consent.Provision: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        type = r.code("type", ConsentProvisionType.self)
        period = r.element("period")
        actor = r.elements("actor")
        action = r.elements("action")
        securityLabel = r.elements("securityLabel")
        purpose = r.elements("purpose")
        `class` = r.elements("class")
        code = r.elements("code")
        dataPeriod = r.element("dataPeriod")
        data = r.elements("data")
        provision = r.elements("provision")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("type", type)
        w.element("period", period)
        w.elements("actor", actor)
        w.elements("action", action)
        w.elements("securityLabel", securityLabel)
        w.elements("purpose", purpose)
        w.elements("class", `class`)
        w.elements("code", code)
        w.element("dataPeriod", dataPeriod)
        w.elements("data", data)
        w.elements("provision", provision)
    }
}
