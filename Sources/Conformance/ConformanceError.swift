/// Why a run or a step could not be carried out (as opposed to an expectation that failed).
public struct ConformanceError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    /// A one-line reason for a network failure: connection refused, timeout, reset.
    static func network(_ error: Error, connecting what: String) -> ConformanceError {
        let text = String(describing: error)
        let lower = text.lowercased()
        let reason: String
        if lower.contains("refused") || lower.contains("errno: 111") {
            reason = "connection refused (is the gateway running and listening there?)"
        } else if lower.contains("connecttimeout") || lower.contains("connect timeout") {
            reason = "connect timed out"
        } else if lower.contains("readtimeout") || lower.contains("deadlineexceeded") || lower.contains("timed out") {
            reason = "no answer in time"
        } else if lower.contains("reset") || lower.contains("eof") || lower.contains("closed") {
            reason = "the connection was closed by the peer (\(text))"
        } else {
            reason = text
        }
        return ConformanceError("\(what): \(reason)")
    }
}
