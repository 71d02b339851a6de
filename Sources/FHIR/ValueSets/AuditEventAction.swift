/// What an audited action did (FHIR R4 valueset-audit-event-action.html).
public enum AuditEventAction: String, FHIRCode {
    case create = "C"
    case read = "R"
    case update = "U"
    case delete = "D"
    case execute = "E"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/audit-event-action"
}
