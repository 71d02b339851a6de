/// A case file that cannot be used, with the file and line to fix.
public struct CaseLoadError: Error, Sendable, CustomStringConvertible {
    public let file: String
    /// From 1; 0 when the problem is the file as a whole.
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `conformance/fhir/x/case.yaml:12: unknown key 'expct'`
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
