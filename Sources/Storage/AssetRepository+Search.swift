import Foundation
import GRDB
import PhotoGateCore

extension AssetRepository {
    /// What a search over assets asks for (FHIR Media search): every given filter must hold.
    public struct Query: Sendable {
        public var ids: [String]?
        /// The assets of these patients (an empty list matches nothing).
        public var patientIDs: [String]?
        public var streams: [AssetStream]?
        /// On `COALESCE(capturedAt, createdAt)`: the outer list AND-ed, each inner list OR-ed.
        public var created: [[FHIRDateMatch]] = []

        public init(ids: [String]? = nil, patientIDs: [String]? = nil, streams: [AssetStream]? = nil,
                    created: [[FHIRDateMatch]] = []) {
            self.ids = ids
            self.patientIDs = patientIDs
            self.streams = streams
            self.created = created
        }
    }

    /// The total and one page of the matching assets, oldest first.
    public static func search(_ db: Database, _ q: Query, limit: Int, offset: Int) throws -> (total: Int, assets: [Asset]) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        func list(_ column: String, _ values: [String]) {
            if values.isEmpty { conditions.append("0"); return }
            conditions.append("\(column) IN (" + values.map { _ in "?" }.joined(separator: ",") + ")")
            arguments += StatementArguments(values)
        }
        if let ids = q.ids { list("id", ids) }
        if let patients = q.patientIDs { list("patientId", patients) }
        if let streams = q.streams { list("stream", streams.map(\.rawValue)) }
        let dates = FHIRDateMatch.conditions(q.created, column: "COALESCE(capturedAt, createdAt)")
        conditions += dates.sql
        arguments += dates.arguments
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM asset" + filter, arguments: arguments) ?? 0
        let records = try AssetRecord.fetchAll(db, sql: "SELECT \(AssetRecord.selection) FROM asset" + filter + " ORDER BY createdAt, id LIMIT ? OFFSET ?",
                                               arguments: arguments + [limit, offset])
        return (total, records.map(\.domain))
    }
}
