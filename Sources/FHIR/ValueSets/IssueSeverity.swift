/// The `issue-severity` value set (FHIR R4 valueset-issue-severity.html).
public enum IssueSeverity: String, FHIRCode {
    case fatal, error, warning, information

    public static let valueSet = "http://hl7.org/fhir/ValueSet/issue-severity"
}
