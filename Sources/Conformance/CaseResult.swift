/// How a case ended.
public enum CaseOutcome: String, Sendable, Codable {
    case passed
    case failed
    /// A step could not be carried out (connection refused, timeout, missing file).
    case error
    /// Not run: a token, interface or suite it needs was not given.
    case skipped
    /// Failed, and the case says why (`known-issue:`): reported, not counted as a failure.
    case knownIssue = "known-issue"

    /// Whether the run fails because of this case.
    public var failsRun: Bool { self == .failed || self == .error }
}

/// One checked expectation.
public struct AssertionResult: Sendable {
    public let expectation: Expectation
    public let passed: Bool
    public let actual: String
    /// A unified diff of expected and actual when a failed comparison is worth one.
    public let diff: String?
}

/// One step as it ran.
public struct StepResult: Sendable {
    public let name: String
    public let line: Int
    public let observation: Observation
    public let assertions: [AssertionResult]
    /// Why the step could not be carried out or its captures failed.
    public let error: String?
    public let seconds: Double

    public var passed: Bool { error == nil && assertions.allSatisfy(\.passed) }
}

/// One case as it ran.
public struct CaseResult: Sendable {
    public let testCase: ConformanceCase
    public let outcome: CaseOutcome
    public let steps: [StepResult]
    /// Why it was skipped or errored, or the first failure in one line.
    public let message: String?
    public let seconds: Double
}
