/// The purpose of a contact point (FHIR R4 valueset-contact-point-use.html).
public enum ContactPointUse: String, FHIRCode {
    case home
    case work
    case temp
    case old
    case mobile

    public static let valueSet = "http://hl7.org/fhir/ValueSet/contact-point-use"
}
