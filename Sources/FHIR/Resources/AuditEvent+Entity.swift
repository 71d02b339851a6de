extension AuditEvent {
    /// A data or object used in the event (FHIR R4 auditevent.html, AuditEvent.entity).
    public struct Entity: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var what: Reference?
        public var type: Coding?
        public var role: Coding?
        public var lifecycle: Coding?
        public var securityLabel: [Coding]
        public var name: String?
        public var description: String?
        public var query: String?
        public var detail: [AuditEvent.Entity.Detail]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            what: Reference? = nil,
            type: Coding? = nil,
            role: Coding? = nil,
            lifecycle: Coding? = nil,
            securityLabel: [Coding] = [],
            name: String? = nil,
            description: String? = nil,
            query: String? = nil,
            detail: [AuditEvent.Entity.Detail] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.what = what
            self.type = type
            self.role = role
            self.lifecycle = lifecycle
            self.securityLabel = securityLabel
            self.name = name
            self.description = description
            self.query = query
            self.detail = detail
            self.preserved = preserved
        }
    }
}

extension AuditEvent.Entity: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        what = r.element("what")
        type = r.element("type")
        role = r.element("role")
        lifecycle = r.element("lifecycle")
        securityLabel = r.elements("securityLabel")
        name = r.primitive("name", .string)
        description = r.primitive("description", .string)
        query = r.primitive("query", .base64Binary)
        detail = r.elements("detail")
        if name != nil, query != nil { r.report(.invariant, at: r.path, "sev-1: an entity has a name or a query, not both") }
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.element("what", what)
        w.element("type", type)
        w.element("role", role)
        w.element("lifecycle", lifecycle)
        w.elements("securityLabel", securityLabel)
        w.primitive("name", name, .string)
        w.primitive("description", description, .string)
        w.primitive("query", query, .base64Binary)
        w.elements("detail", detail)
    }
}
