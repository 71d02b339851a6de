/// Consent.status (FHIR R4 valueset-consent-state-codes.html); `inactive` is a withdrawn consent.
public enum ConsentState: String, FHIRCode {
    case draft
    case proposed
    case active
    case rejected
    case inactive
    case enteredInError = "entered-in-error"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/consent-state-codes"
}
