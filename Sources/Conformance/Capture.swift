import Foundation

/// Remembers a value of a step's answer as a variable for later steps:
///
///     capture:
///       assetId: {json: /id}
///       patientId: {header: Location, regex: "Patient/([^/]+)"}
public struct Capture: Sendable {
    public let name: String
    public let subject: Subject
    /// When set, the first capture group (or the whole match) of the value.
    public let regex: String?
    public let line: Int

    public init(name: String, subject: Subject, regex: String?, line: Int) {
        self.name = name
        self.subject = subject
        self.regex = regex
        self.line = line
    }

    /// The captured text, or why there is none.
    func value(in observation: Observation) -> Result<String, SubjectError> {
        switch subject.values(in: observation) {
        case .failure(let e): return .failure(e)
        case .success(let values):
            guard let first = values.first?.stringValue else {
                return .failure(SubjectError("capture '\(name)': nothing at \(subject)"))
            }
            guard let regex else { return .success(first) }
            guard let re = try? NSRegularExpression(pattern: regex),
                  let m = re.firstMatch(in: first, range: NSRange(first.startIndex..., in: first)) else {
                return .failure(SubjectError("capture '\(name)': \(subject) '\(first)' does not match /\(regex)/"))
            }
            let group = m.numberOfRanges > 1 ? m.range(at: 1) : m.range
            guard let r = Range(group, in: first) else { return .failure(SubjectError("capture '\(name)': empty group")) }
            return .success(String(first[r]))
        }
    }
}
