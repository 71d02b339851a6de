import PhotoGateCore

/// Why a FHIR document could not be read (or a resource could not be written): one or more
/// ``FHIRIssue``s, each with a path and an `issue-type` code.
///
/// The HTTP layer answers with ``operationOutcome`` and the status of ``pgError``.
public struct FHIRError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [FHIRIssue]

    public init(issues: [FHIRIssue]) {
        precondition(!issues.isEmpty, "a FHIRError needs at least one issue")
        self.issues = issues
    }

    public init(_ code: IssueType, path: String = "", _ message: String) {
        self.init(issues: [FHIRIssue(code, path: path, message)])
    }

    /// The issue codes, in order (handy in tests and logs).
    public var codes: [IssueType] { issues.map(\.code) }

    public var description: String { issues.map(\.description).joined(separator: "; ") }

    /// An OperationOutcome listing every issue (FHIR R4 operationoutcome.html).
    public var operationOutcome: OperationOutcome {
        OperationOutcome(issue: issues.map { issue in
            OperationOutcome.Issue(severity: issue.severity, code: issue.code, diagnostics: issue.message,
                                   expression: issue.path.isEmpty ? [] : [issue.path])
        })
    }

    /// The registry error that decides the HTTP status: `PG-5004` (413) when the document is
    /// too large, `PG-5003` (400) otherwise.
    public var pgError: PGError {
        let code: PGErrorCode
        if issues.contains(where: { $0.code == .tooLong }) {
            code = .payloadTooLarge
        } else {
            code = .badRequest
        }
        return PGError(code, description)
    }
}
