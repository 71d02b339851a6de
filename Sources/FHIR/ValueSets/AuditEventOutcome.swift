/// Whether an audited action succeeded (FHIR R4 valueset-audit-event-outcome.html).
public enum AuditEventOutcome: String, FHIRCode {
    case success = "0"
    case minorFailure = "4"
    case seriousFailure = "8"
    case majorFailure = "12"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/audit-event-outcome"
}
