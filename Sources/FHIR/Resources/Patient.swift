/// Demographics of a person receiving care (FHIR R4 patient.html).
///
/// Unknown elements are kept on read and written back (see ``PreservedContent``).
public struct Patient: FHIRResourceModel {
    public static let resourceType = "Patient"

    /// deceased[x]: boolean | dateTime.
    public enum Deceased: Sendable, Equatable {
        case boolean(Bool)
        case dateTime(String)
    }

    /// multipleBirth[x]: boolean | integer.
    public enum MultipleBirth: Sendable, Equatable {
        case boolean(Bool)
        case integer(Int)
    }

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var text: Narrative?
    public var contained: [FHIRResource]
    public var `extension`: [Extension]
    public var modifierExtension: [Extension]
    /// Business identifiers, e.g. the MRN of each hospital system.
    public var identifier: [Identifier]
    public var active: Bool?
    public var name: [HumanName]
    public var telecom: [ContactPoint]
    public var gender: AdministrativeGender?
    public var birthDate: String?
    /// deceased[x]: a flag or the date and time of death.
    public var deceased: Deceased?
    public var address: [Address]
    public var maritalStatus: CodeableConcept?
    public var multipleBirth: MultipleBirth?
    public var photo: [Attachment]
    public var contact: [Patient.Contact]
    public var communication: [Patient.Communication]
    public var generalPractitioner: [Reference]
    public var managingOrganization: Reference?
    /// Links to other Patient resources: merges (`replaced-by` / `replaces`) and duplicates.
    public var link: [Patient.Link]
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
        active: Bool? = nil,
        name: [HumanName] = [],
        telecom: [ContactPoint] = [],
        gender: AdministrativeGender? = nil,
        birthDate: String? = nil,
        deceased: Deceased? = nil,
        address: [Address] = [],
        maritalStatus: CodeableConcept? = nil,
        multipleBirth: MultipleBirth? = nil,
        photo: [Attachment] = [],
        contact: [Patient.Contact] = [],
        communication: [Patient.Communication] = [],
        generalPractitioner: [Reference] = [],
        managingOrganization: Reference? = nil,
        link: [Patient.Link] = [],
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
        self.active = active
        self.name = name
        self.telecom = telecom
        self.gender = gender
        self.birthDate = birthDate
        self.deceased = deceased
        self.address = address
        self.maritalStatus = maritalStatus
        self.multipleBirth = multipleBirth
        self.photo = photo
        self.contact = contact
        self.communication = communication
        self.generalPractitioner = generalPractitioner
        self.managingOrganization = managingOrganization
        self.link = link
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .patient(self) }
}

extension Patient: ResourceCodable {
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
        active = r.bool("active")
        name = r.elements("name")
        telecom = r.elements("telecom")
        gender = r.code("gender", AdministrativeGender.self)
        birthDate = r.primitive("birthDate", .date)
        switch r.choice("deceased", allowed: ["Boolean", "DateTime"]) {
        case "Boolean": deceased = r.bool("deceasedBoolean").map({ .boolean($0) })
        case "DateTime": deceased = r.primitive("deceasedDateTime", .dateTime).map({ .dateTime($0) })
        default: deceased = nil
        }
        address = r.elements("address")
        maritalStatus = r.element("maritalStatus")
        switch r.choice("multipleBirth", allowed: ["Boolean", "Integer"]) {
        case "Boolean": multipleBirth = r.bool("multipleBirthBoolean").map({ .boolean($0) })
        case "Integer": multipleBirth = r.int("multipleBirthInteger", .integer).map({ .integer($0) })
        default: multipleBirth = nil
        }
        photo = r.elements("photo")
        contact = r.elements("contact")
        communication = r.elements("communication")
        generalPractitioner = r.elements("generalPractitioner")
        managingOrganization = r.element("managingOrganization")
        link = r.elements("link")
        preserved = r.finish()
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
        w.bool("active", active)
        w.elements("name", name)
        w.elements("telecom", telecom)
        w.code("gender", gender)
        w.primitive("birthDate", birthDate, .date)
        switch deceased {
        case .boolean(let v): w.bool("deceasedBoolean", v)
        case .dateTime(let v): w.primitive("deceasedDateTime", v, .dateTime)
        case nil: break
        }
        w.elements("address", address)
        w.element("maritalStatus", maritalStatus)
        switch multipleBirth {
        case .boolean(let v): w.bool("multipleBirthBoolean", v)
        case .integer(let v): w.int("multipleBirthInteger", v, .integer)
        case nil: break
        }
        w.elements("photo", photo)
        w.elements("contact", contact)
        w.elements("communication", communication)
        w.elements("generalPractitioner", generalPractitioner)
        w.element("managingOrganization", managingOrganization)
        w.elements("link", link)
    }
}
