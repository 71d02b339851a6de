/// What a FHIR server does: resources, interactions, search parameters and operations (FHIR R4
/// capabilitystatement.html).
///
/// Modelled: enough to describe a server. `contact`, `useContext`, `jurisdiction`, `messaging`
/// and `document` are not.
public struct CapabilityStatement: FHIRResourceModel {
    public static let resourceType = "CapabilityStatement"

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var text: Narrative?
    public var contained: [FHIRResource]
    public var `extension`: [Extension]
    public var modifierExtension: [Extension]
    public var url: String?
    public var version: String?
    public var name: String?
    public var title: String?
    public var status: PublicationStatus
    public var experimental: Bool?
    public var date: String
    public var publisher: String?
    public var description: String?
    public var purpose: String?
    public var copyright: String?
    public var kind: CapabilityStatementKind
    public var instantiates: [String]
    public var imports: [String]
    public var software: CapabilityStatement.Software?
    public var implementation: CapabilityStatement.Implementation?
    /// The FHIR version, `4.0.1`.
    public var fhirVersion: String
    /// MIME types or `json` / `xml`.
    public var format: [String]
    public var patchFormat: [String]
    public var implementationGuide: [String]
    public var rest: [CapabilityStatement.Rest]
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
        url: String? = nil,
        version: String? = nil,
        name: String? = nil,
        title: String? = nil,
        status: PublicationStatus,
        experimental: Bool? = nil,
        date: String,
        publisher: String? = nil,
        description: String? = nil,
        purpose: String? = nil,
        copyright: String? = nil,
        kind: CapabilityStatementKind,
        instantiates: [String] = [],
        imports: [String] = [],
        software: CapabilityStatement.Software? = nil,
        implementation: CapabilityStatement.Implementation? = nil,
        fhirVersion: String,
        format: [String] = [],
        patchFormat: [String] = [],
        implementationGuide: [String] = [],
        rest: [CapabilityStatement.Rest] = [],
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
        self.url = url
        self.version = version
        self.name = name
        self.title = title
        self.status = status
        self.experimental = experimental
        self.date = date
        self.publisher = publisher
        self.description = description
        self.purpose = purpose
        self.copyright = copyright
        self.kind = kind
        self.instantiates = instantiates
        self.imports = imports
        self.software = software
        self.implementation = implementation
        self.fhirVersion = fhirVersion
        self.format = format
        self.patchFormat = patchFormat
        self.implementationGuide = implementationGuide
        self.rest = rest
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .capabilityStatement(self) }
}

extension CapabilityStatement: ResourceCodable {
    init(from r: inout NodeReader) throws {
        id = r.primitive("id", .id)
        meta = r.element("meta")
        implicitRules = r.primitive("implicitRules", .uri)
        language = r.primitive("language", .code)
        text = r.element("text")
        contained = r.resources("contained", keepUnsupported: r.context.preserveUnknown)
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        url = r.primitive("url", .uri)
        version = r.primitive("version", .string)
        name = r.primitive("name", .string)
        title = r.primitive("title", .string)
        let statusValue: PublicationStatus? = r.code("status", PublicationStatus.self)
        experimental = r.bool("experimental")
        let dateValue: String? = r.primitive("date", .dateTime)
        publisher = r.primitive("publisher", .string)
        description = r.primitive("description", .markdown)
        purpose = r.primitive("purpose", .markdown)
        copyright = r.primitive("copyright", .markdown)
        let kindValue: CapabilityStatementKind? = r.code("kind", CapabilityStatementKind.self)
        instantiates = r.primitives("instantiates", .canonical)
        imports = r.primitives("imports", .canonical)
        software = r.element("software")
        implementation = r.element("implementation")
        let fhirVersionValue: String? = r.primitive("fhirVersion", .code)
        format = r.primitives("format", .code)
        r.requireNonEmpty(format, "format")
        patchFormat = r.primitives("patchFormat", .code)
        implementationGuide = r.primitives("implementationGuide", .canonical)
        rest = r.elements("rest")
        preserved = r.finish()
        self.status = try r.required(statusValue, "status")
        self.date = try r.required(dateValue, "date")
        self.kind = try r.required(kindValue, "kind")
        self.fhirVersion = try r.required(fhirVersionValue, "fhirVersion")
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
        w.primitive("url", url, .uri)
        w.primitive("version", version, .string)
        w.primitive("name", name, .string)
        w.primitive("title", title, .string)
        w.code("status", status)
        w.bool("experimental", experimental)
        w.primitive("date", date, .dateTime)
        w.primitive("publisher", publisher, .string)
        w.primitive("description", description, .markdown)
        w.primitive("purpose", purpose, .markdown)
        w.primitive("copyright", copyright, .markdown)
        w.code("kind", kind)
        w.primitives("instantiates", instantiates, .canonical)
        w.primitives("imports", imports, .canonical)
        w.element("software", software)
        w.element("implementation", implementation)
        w.primitive("fhirVersion", fhirVersion, .code)
        w.primitives("format", format, .code)
        w.primitives("patchFormat", patchFormat, .code)
        w.primitives("implementationGuide", implementationGuide, .canonical)
        w.elements("rest", rest)
    }
}
