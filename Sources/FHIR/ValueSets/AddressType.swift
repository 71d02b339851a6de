/// Postal, physical or both (FHIR R4 valueset-address-type.html).
public enum AddressType: String, FHIRCode {
    case postal
    case physical
    case both

    public static let valueSet = "http://hl7.org/fhir/ValueSet/address-type"
}
