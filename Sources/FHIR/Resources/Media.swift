/// A photo, video or audio recording, here a clinical photograph (FHIR R4 media.html).
public struct Media: FHIRResourceModel {
    public static let resourceType = "Media"

    /// created[x]: dateTime | Period.
    public enum Created: Sendable, Equatable {
        case dateTime(String)
        case period(Period)
    }

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var text: Narrative?
    public var contained: [FHIRResource]
    public var `extension`: [Extension]
    public var modifierExtension: [Extension]
    public var identifier: [Identifier]
    public var basedOn: [Reference]
    public var partOf: [Reference]
    public var status: EventStatus
    /// image | video | audio (media-type).
    public var type: CodeableConcept?
    public var modality: CodeableConcept?
    public var view: CodeableConcept?
    public var subject: Reference?
    public var encounter: Reference?
    /// created[x]: when the photo was taken.
    public var created: Created?
    public var issued: String?
    public var `operator`: Reference?
    public var reasonCode: [CodeableConcept]
    public var bodySite: CodeableConcept?
    public var deviceName: String?
    public var device: Reference?
    public var height: Int?
    public var width: Int?
    public var frames: Int?
    public var duration: FHIRDecimal?
    /// The photo: inline base64 data or a url.
    public var content: Attachment
    public var note: [Annotation]
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
        identifier: [Identifier] = [],
        basedOn: [Reference] = [],
        partOf: [Reference] = [],
        status: EventStatus,
        type: CodeableConcept? = nil,
        modality: CodeableConcept? = nil,
        view: CodeableConcept? = nil,
        subject: Reference? = nil,
        encounter: Reference? = nil,
        created: Created? = nil,
        issued: String? = nil,
        operator: Reference? = nil,
        reasonCode: [CodeableConcept] = [],
        bodySite: CodeableConcept? = nil,
        deviceName: String? = nil,
        device: Reference? = nil,
        height: Int? = nil,
        width: Int? = nil,
        frames: Int? = nil,
        duration: FHIRDecimal? = nil,
        content: Attachment,
        note: [Annotation] = [],
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
        self.identifier = identifier
        self.basedOn = basedOn
        self.partOf = partOf
        self.status = status
        self.type = type
        self.modality = modality
        self.view = view
        self.subject = subject
        self.encounter = encounter
        self.created = created
        self.issued = issued
        self.`operator` = `operator`
        self.reasonCode = reasonCode
        self.bodySite = bodySite
        self.deviceName = deviceName
        self.device = device
        self.height = height
        self.width = width
        self.frames = frames
        self.duration = duration
        self.content = content
        self.note = note
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .media(self) }
}

extension Media: ResourceCodable {
    init(from r: inout NodeReader) throws {
        id = r.primitive("id", .id)
        meta = r.element("meta")
        implicitRules = r.primitive("implicitRules", .uri)
        language = r.primitive("language", .code)
        text = r.element("text")
        contained = r.resources("contained", keepUnsupported: r.context.preserveUnknown)
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        identifier = r.elements("identifier")
        basedOn = r.elements("basedOn")
        partOf = r.elements("partOf")
        let statusValue: EventStatus? = r.code("status", EventStatus.self)
        type = r.element("type")
        modality = r.element("modality")
        view = r.element("view")
        subject = r.element("subject")
        encounter = r.element("encounter")
        switch r.choice("created", allowed: ["DateTime", "Period"]) {
        case "DateTime": created = r.primitive("createdDateTime", .dateTime).map({ .dateTime($0) })
        case "Period": created = (r.element("createdPeriod") as Period?).map({ .period($0) })
        default: created = nil
        }
        issued = r.primitive("issued", .instant)
        `operator` = r.element("operator")
        reasonCode = r.elements("reasonCode")
        bodySite = r.element("bodySite")
        deviceName = r.primitive("deviceName", .string)
        device = r.element("device")
        height = r.int("height", .positiveInt)
        width = r.int("width", .positiveInt)
        frames = r.int("frames", .positiveInt)
        duration = r.decimal("duration")
        let contentValue: Attachment? = r.element("content")
        note = r.elements("note")
        preserved = r.finish()
        self.status = try r.required(statusValue, "status")
        self.content = try r.required(contentValue, "content")
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
        w.elements("identifier", identifier)
        w.elements("basedOn", basedOn)
        w.elements("partOf", partOf)
        w.code("status", status)
        w.element("type", type)
        w.element("modality", modality)
        w.element("view", view)
        w.element("subject", subject)
        w.element("encounter", encounter)
        switch created {
        case .dateTime(let v): w.primitive("createdDateTime", v, .dateTime)
        case .period(let v): w.element("createdPeriod", v)
        case nil: break
        }
        w.primitive("issued", issued, .instant)
        w.element("operator", `operator`)
        w.elements("reasonCode", reasonCode)
        w.element("bodySite", bodySite)
        w.primitive("deviceName", deviceName, .string)
        w.element("device", device)
        w.int("height", height, .positiveInt)
        w.int("width", width, .positiveInt)
        w.int("frames", frames, .positiveInt)
        w.decimal("duration", duration)
        w.element("content", content)
        w.elements("note", note)
    }
}
