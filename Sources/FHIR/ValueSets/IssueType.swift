/// The `issue-type` value set (FHIR R4 valueset-issue-type.html), used by
/// `OperationOutcome.issue.code` and by ``FHIRIssue``.
public enum IssueType: String, FHIRCode {
    case invalid, structure, required, value, invariant
    case security, login, unknown, expired, forbidden, suppressed
    case processing
    case notSupported = "not-supported"
    case duplicate
    case multipleMatches = "multiple-matches"
    case notFound = "not-found"
    case deleted
    case tooLong = "too-long"
    case codeInvalid = "code-invalid"
    case `extension`
    case tooCostly = "too-costly"
    case businessRule = "business-rule"
    case conflict
    case transient
    case lockError = "lock-error"
    case noStore = "no-store"
    case exception, timeout, incomplete, throttled, informational

    public static let valueSet = "http://hl7.org/fhir/ValueSet/issue-type"
}
