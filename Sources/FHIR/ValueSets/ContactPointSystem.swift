/// The kind of contact point (FHIR R4 valueset-contact-point-system.html).
public enum ContactPointSystem: String, FHIRCode {
    case phone
    case fax
    case email
    case pager
    case url
    case sms
    case other

    public static let valueSet = "http://hl7.org/fhir/ValueSet/contact-point-system"
}
