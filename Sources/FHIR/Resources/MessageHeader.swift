/// The header of a FHIR message: the event, its source, destinations and focus (FHIR R4
/// messageheader.html).
public struct MessageHeader: FHIRResourceModel {
    public static let resourceType = "MessageHeader"

    /// event[x]: Coding | uri.
    public enum Event: Sendable, Equatable {
        case coding(Coding)
        case uri(String)
    }

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var text: Narrative?
    public var contained: [FHIRResource]
    public var `extension`: [Extension]
    public var modifierExtension: [Extension]
    public var event: Event
    public var destination: [MessageHeader.Destination]
    public var sender: Reference?
    public var enterer: Reference?
    public var author: Reference?
    public var source: MessageHeader.Source
    public var responsible: Reference?
    public var reason: CodeableConcept?
    public var response: MessageHeader.Response?
    /// The resources the message is about (in the same Bundle).
    public var focus: [Reference]
    public var definition: String?
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
        event: Event,
        destination: [MessageHeader.Destination] = [],
        sender: Reference? = nil,
        enterer: Reference? = nil,
        author: Reference? = nil,
        source: MessageHeader.Source,
        responsible: Reference? = nil,
        reason: CodeableConcept? = nil,
        response: MessageHeader.Response? = nil,
        focus: [Reference] = [],
        definition: String? = nil,
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
        self.event = event
        self.destination = destination
        self.sender = sender
        self.enterer = enterer
        self.author = author
        self.source = source
        self.responsible = responsible
        self.reason = reason
        self.response = response
        self.focus = focus
        self.definition = definition
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .messageHeader(self) }
}

extension MessageHeader: ResourceCodable {
    init(from r: inout NodeReader) throws {
        id = r.primitive("id", .id)
        meta = r.element("meta")
        implicitRules = r.primitive("implicitRules", .uri)
        language = r.primitive("language", .code)
        text = r.element("text")
        contained = r.resources("contained", keepUnsupported: r.context.preserveUnknown)
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let eventValue: Event?
        switch r.choice("event", allowed: ["Coding", "Uri"]) {
        case "Coding": eventValue = (r.element("eventCoding") as Coding?).map({ .coding($0) })
        case "Uri": eventValue = r.primitive("eventUri", .uri).map({ .uri($0) })
        default: eventValue = nil
        }
        destination = r.elements("destination")
        sender = r.element("sender")
        enterer = r.element("enterer")
        author = r.element("author")
        let sourceValue: MessageHeader.Source? = r.element("source")
        responsible = r.element("responsible")
        reason = r.element("reason")
        response = r.element("response")
        focus = r.elements("focus")
        definition = r.primitive("definition", .canonical)
        preserved = r.finish()
        self.event = try r.required(eventValue, "event[x]")
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
        switch event {
        case .coding(let v): w.element("eventCoding", v)
        case .uri(let v): w.primitive("eventUri", v, .uri)
        }
        w.elements("destination", destination)
        w.element("sender", sender)
        w.element("enterer", enterer)
        w.element("author", author)
        w.element("source", source)
        w.element("responsible", responsible)
        w.element("reason", reason)
        w.element("response", response)
        w.elements("focus", focus)
        w.primitive("definition", definition, .canonical)
    }
}
