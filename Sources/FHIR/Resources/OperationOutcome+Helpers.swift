extension OperationOutcome {
    /// An OperationOutcome with one `error` issue (FHIR R4 operationoutcome.html; http.html:
    /// errors are returned as an OperationOutcome).
    /// - Parameters:
    ///   - code: the `issue-type` code (`structure`, `required`, `value`, `invalid`, `not-found`, …).
    ///   - diagnostics: a message for a person.
    ///   - expression: FHIRPath expressions of the elements concerned.
    public static func error(code: IssueType, diagnostics: String, expression: [String] = []) -> OperationOutcome {
        OperationOutcome(issue: [Issue(severity: .error, code: code, diagnostics: diagnostics, expression: expression)])
    }

    /// An OperationOutcome with one `information` issue (code `informational`), e.g. for a
    /// successful delete or a `Prefer: return=OperationOutcome` answer.
    public static func information(_ diagnostics: String) -> OperationOutcome {
        OperationOutcome(issue: [Issue(severity: .information, code: .informational, diagnostics: diagnostics)])
    }

    /// True when an issue is `error` or `fatal`.
    public var hasErrors: Bool { issue.contains { $0.severity == .error || $0.severity == .fatal } }
}
