import Foundation
import GRDB

/// A date search value (FHIR R4 search.html#date) as the range of instants it covers,
/// `[lower, upper)`, with its prefix. `2027-01` covers the whole month; `eq` matches a value in
/// the range, `lt` before it, `le` before its end, `gt` from its end, `ge` from its start,
/// `ne` outside it.
public struct FHIRDateMatch: Sendable, Equatable {
    public enum Prefix: String, Sendable, CaseIterable {
        case eq, ne, lt, le, gt, ge
    }

    public var prefix: Prefix
    public var lower: Date
    public var upper: Date

    public init(prefix: Prefix, lower: Date, upper: Date) {
        self.prefix = prefix
        self.lower = lower
        self.upper = upper
    }

    /// The SQL condition on a datetime column (stored by GRDB as text that sorts by time).
    public func condition(_ column: String) -> (sql: String, arguments: StatementArguments) {
        switch prefix {
        case .eq: return ("(\(column) >= ? AND \(column) < ?)", [lower, upper])
        case .ne: return ("NOT (\(column) >= ? AND \(column) < ?)", [lower, upper])
        case .lt: return ("\(column) < ?", [lower])
        case .le: return ("\(column) < ?", [upper])
        case .gt: return ("\(column) >= ?", [upper])
        case .ge: return ("\(column) >= ?", [lower])
        }
    }

    /// The conditions of several date parameters (AND) each with alternatives (OR).
    static func conditions(_ matches: [[FHIRDateMatch]], column: String) -> (sql: [String], arguments: StatementArguments) {
        var sql: [String] = []
        var arguments: StatementArguments = []
        for alternatives in matches where !alternatives.isEmpty {
            let parts = alternatives.map { $0.condition(column) }
            sql.append("(" + parts.map(\.sql).joined(separator: " OR ") + ")")
            for p in parts { arguments += p.arguments }
        }
        return (sql, arguments)
    }
}
