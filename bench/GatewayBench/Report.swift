import Foundation

/// The figures of a run: each printed as one line when measured, all of them again as a
/// markdown table at the end.
final class Report {
    private struct Row {
        var section: String
        var figure: String
        var value: String
        var target: String
    }

    private var rows: [Row] = []

    /// Prints `section — figure: value [unit] (target …)` and keeps it for the table.
    func add(_ section: String, _ figure: String, _ value: String, target: String = "") {
        rows.append(Row(section: section, figure: figure, value: value, target: target))
        let suffix = target.isEmpty ? "" : " (target \(target))"
        say("\(section) — \(figure): \(value)\(suffix)")
    }

    func note(_ text: String) {
        say("  \(text)")
    }

    var markdown: String {
        var lines = ["| | figure | value | target |", "| --- | --- | --- | --- |"]
        for row in rows {
            lines.append("| \(row.section) | \(row.figure) | \(row.value) | \(row.target) |")
        }
        return lines.joined(separator: "\n")
    }
}
