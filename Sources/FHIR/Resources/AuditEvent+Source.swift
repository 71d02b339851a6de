extension AuditEvent {
    /// The system that reported the event (FHIR R4 auditevent.html, AuditEvent.source).
    public struct Source: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var site: String?
        public var observer: Reference
        public var type: [Coding]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            site: String? = nil,
            observer: Reference,
            type: [Coding] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.site = site
            self.observer = observer
            self.type = type
            self.preserved = preserved
        }
    }
}

extension AuditEvent.Source: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        site = r.primitive("site", .string)
        let observerValue: Reference? = r.element("observer")
        type = r.elements("type")
        preserved = r.finish()
        self.observer = try r.required(observerValue, "observer")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("site", site, .string)
        w.element("observer", observer)
        w.elements("type", type)
    }
}
