/// The purpose of an identifier (FHIR R4 valueset-identifier-use.html).
public enum IdentifierUse: String, FHIRCode {
    case usual
    case official
    case temp
    case secondary
    case old

    public static let valueSet = "http://hl7.org/fhir/ValueSet/identifier-use"
}
