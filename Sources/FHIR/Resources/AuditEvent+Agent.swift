extension AuditEvent {
    /// An actor taking part in the event (FHIR R4 auditevent.html, AuditEvent.agent).
    public struct Agent: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var type: CodeableConcept?
        public var role: [CodeableConcept]
        public var who: Reference?
        public var altId: String?
        public var name: String?
        public var requestor: Bool
        public var location: Reference?
        public var policy: [String]
        public var media: Coding?
        public var network: AuditEvent.Agent.Network?
        public var purposeOfUse: [CodeableConcept]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            type: CodeableConcept? = nil,
            role: [CodeableConcept] = [],
            who: Reference? = nil,
            altId: String? = nil,
            name: String? = nil,
            requestor: Bool,
            location: Reference? = nil,
            policy: [String] = [],
            media: Coding? = nil,
            network: AuditEvent.Agent.Network? = nil,
            purposeOfUse: [CodeableConcept] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.type = type
            self.role = role
            self.who = who
            self.altId = altId
            self.name = name
            self.requestor = requestor
            self.location = location
            self.policy = policy
            self.media = media
            self.network = network
            self.purposeOfUse = purposeOfUse
            self.preserved = preserved
        }
    }
}

extension AuditEvent.Agent: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        type = r.element("type")
        role = r.elements("role")
        who = r.element("who")
        altId = r.primitive("altId", .string)
        name = r.primitive("name", .string)
        let requestorValue: Bool? = r.bool("requestor")
        location = r.element("location")
        policy = r.primitives("policy", .uri)
        media = r.element("media")
        network = r.element("network")
        purposeOfUse = r.elements("purposeOfUse")
        preserved = r.finish()
        self.requestor = try r.required(requestorValue, "requestor")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.element("type", type)
        w.elements("role", role)
        w.element("who", who)
        w.primitive("altId", altId, .string)
        w.primitive("name", name, .string)
        w.bool("requestor", requestor)
        w.element("location", location)
        w.primitives("policy", policy, .uri)
        w.element("media", media)
        w.element("network", network)
        w.elements("purposeOfUse", purposeOfUse)
    }
}
