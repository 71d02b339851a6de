/// The use of a human name (FHIR R4 valueset-name-use.html).
public enum NameUse: String, FHIRCode {
    case usual
    case official
    case temp
    case nickname
    case anonymous
    case old
    case maiden

    public static let valueSet = "http://hl7.org/fhir/ValueSet/name-use"
}
