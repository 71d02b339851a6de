/// What a CapabilityStatement describes (FHIR R4 valueset-capability-statement-kind.html).
public enum CapabilityStatementKind: String, FHIRCode {
    case instance
    case capability
    case requirements

    public static let valueSet = "http://hl7.org/fhir/ValueSet/capability-statement-kind"
}
