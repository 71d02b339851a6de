import Foundation

/// The run as JUnit XML (one `<testsuite>` per suite, one `<testcase>` per case): failures
/// and errors carry the first failing expectation and the step transcript; known issues
/// and skipped cases are `<skipped>` with the reason.
public enum JUnitReport {
    public static func render(_ summary: RunSummary) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<testsuites name=\"photogate-conformance\" tests=\"\(summary.results.count)\" failures=\"\(summary.count(.failed))\" "
            + "errors=\"\(summary.count(.error))\" skipped=\"\(summary.count(.skipped) + summary.count(.knownIssue))\" time=\"\(t(summary.seconds))\">\n"
        for suite in summary.suites {
            let rs = summary.results.filter { $0.testCase.suite == suite }
            let f = rs.filter { $0.outcome == .failed }.count, e = rs.filter { $0.outcome == .error }.count
            let s = rs.filter { $0.outcome == .skipped || $0.outcome == .knownIssue }.count
            x += "  <testsuite name=\"\(a(suite))\" tests=\"\(rs.count)\" failures=\"\(f)\" errors=\"\(e)\" skipped=\"\(s)\" time=\"\(t(rs.reduce(0) { $0 + $1.seconds }))\">\n"
            for r in rs {
                x += "    <testcase classname=\"conformance.\(a(suite))\" name=\"\(a(r.testCase.id))\" time=\"\(t(r.seconds))\">\n"
                let detail = "clause: \(r.testCase.clause)\n\n" + transcript(r)
                switch r.outcome {
                case .passed: break
                case .failed:
                    x += "      <failure message=\"\(a(r.message ?? "failed"))\">\(text(detail))</failure>\n"
                case .error:
                    x += "      <error message=\"\(a(r.message ?? "error"))\">\(text(detail))</error>\n"
                case .skipped:
                    x += "      <skipped message=\"\(a(r.message ?? "skipped"))\"/>\n"
                case .knownIssue:
                    x += "      <skipped message=\"\(a("known issue: " + (r.testCase.knownIssue ?? "") + " — " + (r.message ?? "")))\"/>\n"
                }
                x += "    </testcase>\n"
            }
            x += "  </testsuite>\n"
        }
        return x + "</testsuites>\n"
    }

    private static func transcript(_ r: CaseResult) -> String {
        r.steps.map { s in
            var out = "== \(s.name)\n--> \(s.observation.request)\n<-- \(s.observation.response)\n"
            for f in s.assertions where !f.passed {
                out += "FAILED \(f.expectation.summary) (line \(f.expectation.line)); actual: \(f.actual)\n"
                if let d = f.diff { out += d + "\n" }
            }
            if let e = s.error { out += "ERROR \(e)\n" }
            return out
        }.joined(separator: "\n")
    }

    private static func t(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    /// XML 1.0 text: escapes markup and drops characters XML cannot hold (HL7's CR stays).
    private static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func a(_ s: String) -> String {
        text(s).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;")
    }
}
