/// A patient's choices about what may be done with their information, here photo publication (FHIR R4
/// consent.html).
///
/// Unknown elements are kept on read and written back (see ``PreservedContent``).
public struct Consent: FHIRResourceModel {
    public static let resourceType = "Consent"

    /// source[x]: Attachment | Reference.
    public enum Source: Sendable, Equatable {
        case attachment(Attachment)
        case reference(Reference)
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
    public var status: ConsentState
    /// patient-privacy, research, treatment or adr (consent-scope).
    public var scope: CodeableConcept
    public var category: [CodeableConcept]
    public var patient: Reference?
    public var dateTime: String?
    public var performer: [Reference]
    public var organization: [Reference]
    /// source[x]: the signed form, as an attachment or a reference.
    public var source: Source?
    public var policy: [Consent.Policy]
    public var policyRule: CodeableConcept?
    public var verification: [Consent.Verification]
    public var provision: Consent.Provision?
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
        status: ConsentState,
        scope: CodeableConcept,
        category: [CodeableConcept] = [],
        patient: Reference? = nil,
        dateTime: String? = nil,
        performer: [Reference] = [],
        organization: [Reference] = [],
        source: Source? = nil,
        policy: [Consent.Policy] = [],
        policyRule: CodeableConcept? = nil,
        verification: [Consent.Verification] = [],
        provision: Consent.Provision? = nil,
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
        self.status = status
        self.scope = scope
        self.category = category
        self.patient = patient
        self.dateTime = dateTime
        self.performer = performer
        self.organization = organization
        self.source = source
        self.policy = policy
        self.policyRule = policyRule
        self.verification = verification
        self.provision = provision
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .consent(self) }
}

extension Consent: ResourceCodable {
    static var preservesUnknownElements: Bool { true }

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
        let statusValue: ConsentState? = r.code("status", ConsentState.self)
        let scopeValue: CodeableConcept? = r.element("scope")
        category = r.elements("category")
        r.requireNonEmpty(category, "category")
        patient = r.element("patient")
        dateTime = r.primitive("dateTime", .dateTime)
        performer = r.elements("performer")
        organization = r.elements("organization")
        switch r.choice("source", allowed: ["Attachment", "Reference"]) {
        case "Attachment": source = (r.element("sourceAttachment") as Attachment?).map({ .attachment($0) })
        case "Reference": source = (r.element("sourceReference") as Reference?).map({ .reference($0) })
        default: source = nil
        }
        policy = r.elements("policy")
        policyRule = r.element("policyRule")
        verification = r.elements("verification")
        provision = r.element("provision")
        if policy.isEmpty && policyRule == nil { r.report(.invariant, at: r.path, "ppc-1: a consent needs a policy or a policyRule") }
        preserved = r.finish()
        self.status = try r.required(statusValue, "status")
        self.scope = try r.required(scopeValue, "scope")
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
        w.code("status", status)
        w.element("scope", scope)
        w.elements("category", category)
        w.element("patient", patient)
        w.primitive("dateTime", dateTime, .dateTime)
        w.elements("performer", performer)
        w.elements("organization", organization)
        switch source {
        case .attachment(let v): w.element("sourceAttachment", v)
        case .reference(let v): w.element("sourceReference", v)
        case nil: break
        }
        w.elements("policy", policy)
        w.element("policyRule", policyRule)
        w.elements("verification", verification)
        w.element("provision", provision)
    }
}
