/// A folder of cases under the conformance root, with its optional `suite.yaml`:
///
///     title: DICOMweb (PS3.18)
///     default: false        # run only when named: `photogate conformance run dicomweb`
///     reason: the /dicomweb endpoints are not merged yet
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
