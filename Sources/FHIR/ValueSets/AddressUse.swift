/// The purpose of an address (FHIR R4 valueset-address-use.html).
public enum AddressUse: String, FHIRCode {
    case home
    case work
    case temp
    case old
    case billing

    public static let valueSet = "http://hl7.org/fhir/ValueSet/address-use"
}
