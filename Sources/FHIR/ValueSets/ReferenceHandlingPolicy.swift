/// How a server handles references (FHIR R4 valueset-reference-handling-policy.html).
public enum ReferenceHandlingPolicy: String, FHIRCode {
    case literal
    case logical
    case resolves
    case enforced
    case local

    public static let valueSet = "http://hl7.org/fhir/ValueSet/reference-handling-policy"
}
