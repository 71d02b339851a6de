/// One conformance case: a folder `conformance/<suite>/<case>/` with a `case.yaml` naming the
/// clause of the standard it checks, the steps to send and what each answer must show.
public struct ConformanceCase: Sendable {
    /// `<suite>/<folder>`, e.g. `hl7v2/a01-admit-creates-patient`.
    public let id: String
    public let suite: String
    /// The case folder; files named by steps are relative to it.
    public let directory: String
    /// The `case.yaml` path (for messages that name it).
    public let file: String
    public let title: String
    /// The clause of the standard (or the product document) the case checks.
    public let clause: String
    public let description: String?
    public let tags: [String]
    /// Set when the gateway is known not to meet the clause yet: a failure is reported as
    /// a known issue and does not fail the run.
    public let knownIssue: String?
    public let steps: [CaseStep]

    public init(id: String, suite: String, directory: String, file: String, title: String, clause: String,
                description: String?, tags: [String], knownIssue: String?, steps: [CaseStep]) {
        self.id = id
        self.suite = suite
        self.directory = directory
        self.file = file
        self.title = title
        self.clause = clause
        self.description = description
        self.tags = tags
        self.knownIssue = knownIssue
        self.steps = steps
    }

    /// The role tokens the case's steps ask for (`as:`), besides the default token.
    public var roles: Set<String> {
        Set(steps.compactMap { step -> String? in
            if case .http(let http) = step.action { return http.role }
            return nil
        }.filter { !CaseStep.pseudoRoles.contains($0) })
    }

    /// The interfaces the case talks to.
    public var interfaces: Set<Interface> { Set(steps.map(\.action.interface)) }

    public enum Interface: String, Sendable, Hashable, CaseIterable {
        case http, mllp, dicom
    }
}
