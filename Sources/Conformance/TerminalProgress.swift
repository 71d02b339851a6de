import Foundation

/// Progress on standard error: a bar redrawn in place on a terminal, one plain line per case
/// otherwise (CI logs). Failures are always printed on their own line.
public final class TerminalProgress: ProgressSink, @unchecked Sendable {
    private let isTTY: Bool
    private let lock = NSLock()
    private var total = 0
    private var failures = 0

    public init(isTTY: Bool = isatty(STDERR_FILENO) == 1) {
        self.isTTY = isTTY
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    public func started(total: Int) {
        lock.withLock { self.total = total }
    }

    public func caseStarted(_ testCase: ConformanceCase, index: Int) {
        guard isTTY else { return }
        lock.withLock { write("\r\u{1B}[K" + bar(done: index) + " " + testCase.id) }
    }

    public func caseFinished(_ result: CaseResult, index: Int) {
        lock.withLock {
            if result.outcome.failsRun { failures += 1 }
            let label = HTMLReport.label(result.outcome)
            if isTTY {
                if result.outcome != .passed {
                    write("\r\u{1B}[K\(label) \(result.testCase.id)" + (result.message.map { ": " + $0 } ?? "") + "\n")
                }
                write("\r\u{1B}[K" + bar(done: index + 1))
            } else {
                write("[\(index + 1)/\(total)] \(label) \(result.testCase.id)"
                      + (result.outcome == .passed ? "" : (result.message.map { ": " + $0 } ?? "")) + "\n")
            }
        }
    }

    public func finished(_ summary: RunSummary) {
        lock.withLock {
            if isTTY { write("\r\u{1B}[K") }
            write(summary.line + "\n")
        }
    }

    private func bar(done: Int, width: Int = 30) -> String {
        let filled = total == 0 ? width : width * done / total
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] \(done)/\(total)"
            + (failures > 0 ? " (\(failures) failing)" : "")
    }
}
