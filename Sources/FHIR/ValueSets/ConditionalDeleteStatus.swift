/// Conditional delete support (FHIR R4 valueset-conditional-delete-status.html).
public enum ConditionalDeleteStatus: String, FHIRCode {
    case notSupported = "not-supported"
    case single
    case multiple

    public static let valueSet = "http://hl7.org/fhir/ValueSet/conditional-delete-status"
}
