/// A folder of cases under the conformance root, with its optional `suite.yaml`:
///
///     title: Site imaging checks
///     default: false        # run only when named: `photogate conformance run site-imaging`
///     reason: needs the site's test PACS
public struct Suite: Sendable, Hashable {
    public let name: String
    public let title: String
    /// Whether `run` without suite names includes it.
    public let runsByDefault: Bool
    /// Why it does not run by default.
    public let reason: String?

    public init(name: String, title: String, runsByDefault: Bool, reason: String?) {
        self.name = name
        self.title = title
        self.runsByDefault = runsByDefault
        self.reason = reason
    }
}
