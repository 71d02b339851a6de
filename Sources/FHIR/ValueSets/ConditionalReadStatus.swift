/// Conditional read support (FHIR R4 valueset-conditional-read-status.html).
public enum ConditionalReadStatus: String, FHIRCode {
    case notSupported = "not-supported"
    case modifiedSince = "modified-since"
    case notMatch = "not-match"
    case fullSupport = "full-support"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/conditional-read-status"
}
