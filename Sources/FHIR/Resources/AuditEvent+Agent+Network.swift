extension AuditEvent.Agent {
    /// Where the agent acted from (FHIR R4 auditevent.html, AuditEvent.agent.network).
    public struct Network: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var address: String?
        /// 1 machine name | 2 IP address | 3 telephone | 4 e-mail | 5 URI.
        public var type: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            address: String? = nil,
            type: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.address = address
            self.type = type
            self.preserved = preserved
        }
    }
}

extension AuditEvent.Agent.Network: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        address = r.primitive("address", .string)
        type = r.primitive("type", .code)
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("address", address, .string)
        w.primitive("type", type, .code)
    }
}
