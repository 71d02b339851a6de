import Foundation
import GRDB
import PhotoGateCore

extension AuditLog {
    /// What a search over the audit trail asks for (FHIR AuditEvent search): every given
    /// filter must hold.
    public struct Query: Sendable {
        public var seqs: [Int64]?
        /// Records about any of these patients, assets, or resources named in the
        /// `resource` / `consent` detail (OR-ed together: the `entity` parameter).
        public var patientIDs: [String] = []
        public var assetIDs: [String] = []
        public var resources: [String] = []
        /// Core consent ids (the `consent` detail of `consent.*` records).
        public var consentIDs: [String] = []
        /// Token names (the `agent` parameter).
        public var actors: [String]?
        /// On `at`: the outer list AND-ed, each inner list OR-ed.
        public var dates: [[FHIRDateMatch]] = []

        public init() {}

    }

    /// One record with its chain hash (nil when there is none).
    public static func record(_ db: Database, seq: Int64) throws -> (entry: AuditEntry, hash: String)? {
        try AuditRecord.fetchOne(db, key: seq).map { ($0.domain, $0.hash) }
    }

    /// The total and one page of matching records, newest first, with their chain hashes.
    /// - Parameter entityRequested: an `entity` filter was given (so an empty entity list
    ///   matches nothing rather than everything).
    public static func search(_ db: Database, _ q: Query, entityRequested: Bool, limit: Int, offset: Int) throws
        -> (total: Int, records: [(entry: AuditEntry, hash: String)])
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        func inList(_ column: String, _ values: [String]) -> String {
            arguments += StatementArguments(values)
            return "\(column) IN (" + values.map { _ in "?" }.joined(separator: ",") + ")"
        }
        if let seqs = q.seqs { conditions.append(seqs.isEmpty ? "0" : inList("seq", seqs.map(String.init))) }
        if entityRequested {
            var any: [String] = []
            if !q.patientIDs.isEmpty { any.append(inList("patientId", q.patientIDs)) }
            if !q.assetIDs.isEmpty {
                any.append(aboutAssets(q.assetIDs.count))
                arguments += StatementArguments(q.assetIDs + q.assetIDs)
            }
            // Details are JSON objects of strings (JSONColumn): `"key":"value"`.
            for (key, values) in [("resource", q.resources), ("consent", q.consentIDs)] {
                for v in values {
                    any.append("detail LIKE ? ESCAPE '\\'")
                    arguments += ["%\"\(key)\":\"" + escapeLike(v) + "\"%"]
                }
            }
            conditions.append(any.isEmpty ? "0" : "(" + any.joined(separator: " OR ") + ")")
        }
        if let actors = q.actors { conditions.append(actors.isEmpty ? "0" : inList("actor", actors)) }
        let dates = FHIRDateMatch.conditions(q.dates, column: "at")
        conditions += dates.sql
        arguments += dates.arguments
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit" + filter, arguments: arguments) ?? 0
        let records = try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit" + filter + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                                               arguments: arguments + [limit, offset])
        return (total, records.map { ($0.domain, $0.hash) })
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
