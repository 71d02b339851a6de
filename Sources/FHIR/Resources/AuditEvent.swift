/// A record of an event for security and privacy audit (FHIR R4 auditevent.html).
public struct AuditEvent: FHIRResourceModel {
    public static let resourceType = "AuditEvent"

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var text: Narrative?
    public var contained: [FHIRResource]
    public var `extension`: [Extension]
    public var modifierExtension: [Extension]
    public var type: Coding
    public var subtype: [Coding]
    public var action: AuditEventAction?
    public var period: Period?
    public var recorded: String
    public var outcome: AuditEventOutcome?
    public var outcomeDesc: String?
    public var purposeOfEvent: [CodeableConcept]
    public var agent: [AuditEvent.Agent]
    public var source: AuditEvent.Source
    public var entity: [AuditEvent.Entity]
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        meta: Meta? = nil,
        implicitRules: String? = nil,
        language: String? = nil,
        text: Narrative? = nil,
        contained: [FHIRResource] = [],
        extension: [Extension] = [],
        modifierExtension: [Extension] = [],
        type: Coding,
        subtype: [Coding] = [],
        action: AuditEventAction? = nil,
        period: Period? = nil,
        recorded: String,
        outcome: AuditEventOutcome? = nil,
        outcomeDesc: String? = nil,
        purposeOfEvent: [CodeableConcept] = [],
        agent: [AuditEvent.Agent] = [],
        source: AuditEvent.Source,
        entity: [AuditEvent.Entity] = [],
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.meta = meta
        self.implicitRules = implicitRules
        self.language = language
        self.text = text
        self.contained = contained
        self.`extension` = `extension`
        self.modifierExtension = modifierExtension
        self.type = type
        self.subtype = subtype
        self.action = action
        self.period = period
        self.recorded = recorded
        self.outcome = outcome
        self.outcomeDesc = outcomeDesc
        self.purposeOfEvent = purposeOfEvent
        self.agent = agent
        self.source = source
        self.entity = entity
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .auditEvent(self) }
}

extension AuditEvent: ResourceCodable {
    init(from r: inout NodeReader) throws {
        id = r.primitive("id", .id)
        meta = r.element("meta")
        implicitRules = r.primitive("implicitRules", .uri)
        language = r.primitive("language", .code)
        text = r.element("text")
        contained = r.resources("contained", keepUnsupported: r.context.preserveUnknown)
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let typeValue: Coding? = r.element("type")
        subtype = r.elements("subtype")
        action = r.code("action", AuditEventAction.self)
        period = r.element("period")
        let recordedValue: String? = r.primitive("recorded", .instant)
        outcome = r.code("outcome", AuditEventOutcome.self)
        outcomeDesc = r.primitive("outcomeDesc", .string)
        purposeOfEvent = r.elements("purposeOfEvent")
        agent = r.elements("agent")
        r.requireNonEmpty(agent, "agent")
        let sourceValue: AuditEvent.Source? = r.element("source")
        entity = r.elements("entity")
        preserved = r.finish()
        self.type = try r.required(typeValue, "type")
        self.recorded = try r.required(recordedValue, "recorded")
        self.source = try r.required(sourceValue, "source")
    }

    func encode(to w: inout NodeWriter) {
        w.primitive("id", id, .id)
        w.element("meta", meta)
        w.primitive("implicitRules", implicitRules, .uri)
        w.primitive("language", language, .code)
        w.element("text", text)
        w.resources("contained", contained)
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.element("type", type)
        w.elements("subtype", subtype)
        w.code("action", action)
        w.element("period", period)
        w.primitive("recorded", recorded, .instant)
        w.code("outcome", outcome)
        w.primitive("outcomeDesc", outcomeDesc, .string)
        w.elements("purposeOfEvent", purposeOfEvent)
        w.elements("agent", agent)
        w.element("source", source)
        w.elements("entity", entity)
    }
}
