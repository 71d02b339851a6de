/// One problem found while reading or validating a resource: where (a FHIRPath expression
/// such as `Patient.name[0].given[1]`), what kind (an `issue-type` code) and a message.
///
/// The HTTP layer turns these into `OperationOutcome.issue` entries (FHIR R4
/// operationoutcome.html): ``path`` becomes `expression`, ``message`` `diagnostics`.
public struct FHIRIssue: Sendable, Equatable, CustomStringConvertible {
    public var severity: IssueSeverity
    public var code: IssueType
    /// FHIRPath of the element concerned; empty when the problem is with the whole document.
    public var path: String
    public var message: String

    public init(_ code: IssueType, path: String, _ message: String, severity: IssueSeverity = .error) {
        self.severity = severity
        self.code = code
        self.path = path
        self.message = message
    }

    /// `structure at Patient.birthDate: …`
    public var description: String {
        path.isEmpty ? "\(code.rawValue): \(message)" : "\(code.rawValue) at \(path): \(message)"
    }
}
