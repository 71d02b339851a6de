import Foundation

/// A whole run: every case's result, for the reports and the exit status.
public struct RunSummary: Sendable {
    public let results: [CaseResult]
    public let target: String
    public let startedAt: Date
    public let seconds: Double

    public func count(_ outcome: CaseOutcome) -> Int { results.filter { $0.outcome == outcome }.count }

    /// Whether anything failed or could not be run (skipped cases and known issues do not fail a run).
    public var failed: Bool { results.contains { $0.outcome.failsRun } }

    /// `85 cases: 80 passed, 2 failed, 1 error, 1 skipped, 1 known issue (12.3 s)`
    public var line: String {
        var parts = ["\(count(.passed)) passed"]
        if count(.failed) > 0 { parts.append("\(count(.failed)) failed") }
        if count(.error) > 0 { parts.append("\(count(.error)) error\(count(.error) == 1 ? "" : "s")") }
        if count(.skipped) > 0 { parts.append("\(count(.skipped)) skipped") }
        if count(.knownIssue) > 0 { parts.append("\(count(.knownIssue)) known issue\(count(.knownIssue) == 1 ? "" : "s")") }
        return "\(results.count) cases: " + parts.joined(separator: ", ") + String(format: " (%.1f s)", seconds)
    }

    /// Suites in the order their cases ran.
    public var suites: [String] {
        var seen: [String] = []
        for r in results where !seen.contains(r.testCase.suite) { seen.append(r.testCase.suite) }
        return seen
    }
}
