/// The outcome of processing a message (FHIR R4 valueset-response-code.html, messaging.html).
public enum ResponseType: String, FHIRCode {
    case ok
    case transientError = "transient-error"
    case fatalError = "fatal-error"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/response-code"
}
