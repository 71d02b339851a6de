import Foundation
import GRDB

/// One stored version of a FHIR resource (row of `fhirVersion`).
public struct FHIRStoredVersion: Sendable, Equatable {
    public var type: String
    public var id: String
    public var versionId: Int
    public var lastUpdated: Date
    public var deleted: Bool
    /// `POST`, `PUT` or `DELETE`: the interaction that made this version (history entries).
    public var method: String
    /// The resource as stored (JSON, with `meta.versionId` / `meta.lastUpdated`); nil when deleted.
    public var json: String?

    public init(type: String, id: String, versionId: Int, lastUpdated: Date, deleted: Bool, method: String, json: String?) {
        self.type = type
        self.id = id
        self.versionId = versionId
        self.lastUpdated = lastUpdated
        self.deleted = deleted
        self.method = method
        self.json = json
    }
}

/// The current state of a FHIR resource (row of `fhirResource`).
public struct FHIRCurrentVersion: Sendable, Equatable {
    public var type: String
    public var id: String
    public var versionId: Int
    public var lastUpdated: Date
    public var deleted: Bool
    /// The core record the resource maps to (patient id, consent id).
    public var coreId: String?
}

/// One search parameter of a query: the alternatives are OR-ed (FHIR R4 search.html,
/// "Composite / OR": `a,b`), the parameters of a query AND-ed.
public struct FHIRSearchCriterion: Sendable, Equatable {
    public indirect enum Match: Sendable, Equatable {
        case equals(String)
        case prefix(String)
        case suffix(String)
        case less(String)
        case lessOrEqual(String)
        case greater(String)
        case greaterOrEqual(String)
        case not(Match)
        /// A criterion that matches no indexed value (e.g. a reference that resolves to nothing).
        case none
    }

    public var param: String
    public var anyOf: [Match]

    public init(param: String, anyOf: [Match]) {
        self.param = param
        self.anyOf = anyOf
    }
}

/// Versioned storage of FHIR resources (FHIR R4 http.html: versions are never changed once
/// written; a delete is a new version marked deleted). Each function runs inside the
/// caller's transaction.
public enum FHIRResourceStore {
    public static func current(_ db: Database, type: String, id: String) throws -> FHIRCurrentVersion? {
        try Row.fetchOne(db, cached: "SELECT * FROM fhirResource WHERE type = ? AND id = ?", [type, id]).map(currentVersion)
    }

    /// The current version with its JSON.
    public static func latest(_ db: Database, type: String, id: String) throws -> FHIRStoredVersion? {
        guard let current = try current(db, type: type, id: id) else { return nil }
        return try version(db, type: type, id: id, versionId: current.versionId)
    }

    public static func version(_ db: Database, type: String, id: String, versionId: Int) throws -> FHIRStoredVersion? {
        try Row.fetchOne(db, cached: "SELECT * FROM fhirVersion WHERE type = ? AND id = ? AND versionId = ?",
                         [type, id, versionId]).map(storedVersion)
    }

    /// Every version, newest first.
    public static func history(_ db: Database, type: String, id: String) throws -> [FHIRStoredVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM fhirVersion WHERE type = ? AND id = ? ORDER BY versionId DESC",
                         arguments: [type, id]).map(storedVersion)
    }

    /// The live (not deleted) resource of `type` mapped to a core record.
    public static func byCoreId(_ db: Database, type: String, coreId: String) throws -> [FHIRCurrentVersion] {
        try Row.fetchAll(db, cached: "SELECT * FROM fhirResource WHERE type = ? AND coreId = ? AND deleted = 0 ORDER BY id",
                         [type, coreId]).map(currentVersion)
    }

    /// Writes the next version of a resource and replaces its search index.
    /// - Parameters:
    ///   - json: builds the stored JSON for the new version number (nil for a delete).
    ///   - index: `(parameter, value)` pairs of the new version (ignored for a delete).
    /// - Returns: the new version.
    @discardableResult
    public static func save(_ db: Database, type: String, id: String, method: String, deleted: Bool = false, at: Date,
                            coreId: String?, index: [(String, String)], json: (Int) throws -> String?) throws
        -> FHIRStoredVersion
    {
        let old = try current(db, type: type, id: id)
        let versionId = (old?.versionId ?? 0) + 1
        let text = deleted ? nil : try json(versionId)
        // Prepared once per connection, dates written without a DateFormatter (StoredDate):
        // every FHIR write goes through here on the store's one writer.
        let stamp = StoredDate.value(at)
        try db.execute(cached: """
            INSERT INTO fhirVersion (type, id, versionId, lastUpdated, deleted, method, json) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [type, id, versionId, stamp, deleted, method, text])
        try db.execute(cached: """
            INSERT INTO fhirResource (type, id, versionId, lastUpdated, deleted, coreId) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(type, id) DO UPDATE SET versionId = excluded.versionId, lastUpdated = excluded.lastUpdated,
                deleted = excluded.deleted, coreId = COALESCE(excluded.coreId, fhirResource.coreId)
            """, [type, id, versionId, stamp, deleted, coreId])
        try replaceIndex(db, type: type, id: id, index: deleted ? [] : index)
        return FHIRStoredVersion(type: type, id: id, versionId: versionId, lastUpdated: at, deleted: deleted,
                                 method: method, json: text)
    }

    /// Replaces the search index of the current version (an index definition that grew is
    /// applied to resources stored before it).
    public static func reindex(_ db: Database, type: String, id: String, index: [(String, String)]) throws {
        try replaceIndex(db, type: type, id: id, index: index)
    }

    private static func replaceIndex(_ db: Database, type: String, id: String, index: [(String, String)]) throws {
        try db.execute(cached: "DELETE FROM fhirSearchIndex WHERE type = ? AND id = ?", [type, id])
        for (param, value) in index {
            try db.execute(cached: "INSERT INTO fhirSearchIndex (type, id, param, value) VALUES (?, ?, ?, ?)",
                           [type, id, param, value])
        }
    }

    /// The current version of every live resource of `type`, with its JSON.
    public static func allLatest(_ db: Database, type: String) throws -> [FHIRStoredVersion] {
        try Row.fetchAll(db, sql: """
            SELECT v.* FROM fhirResource r JOIN fhirVersion v ON v.type = r.type AND v.id = r.id AND v.versionId = r.versionId
            WHERE r.type = ? AND r.deleted = 0 ORDER BY r.id
            """, arguments: [type]).map(storedVersion)
    }

    /// The ids of the live resources of `type` matching every criterion, ordered by id:
    /// the total and one page.
    public static func search(_ db: Database, type: String, criteria: [FHIRSearchCriterion], count: Int, offset: Int)
        throws -> (total: Int, ids: [String])
    {
        var sql = "FROM fhirResource r WHERE r.type = ? AND r.deleted = 0"
        var arguments: StatementArguments = [type]
        // `r.id IN (…)` rather than a correlated EXISTS: SQLite then finds the matching ids
        // through fhirSearchIndex_lookup (type, param, value) and probes fhirResource by key,
        // instead of testing every resource of the type (a conditional update by identifier
        // took milliseconds with a few thousand patients).
        for criterion in criteria {
            sql += " AND r.id IN (SELECT i.id FROM fhirSearchIndex i WHERE i.type = ? AND i.param = ?"
            arguments += [type, criterion.param]
            var alternatives: [String] = []
            for match in criterion.anyOf {
                let (condition, args) = self.condition(match)
                alternatives.append(condition)
                arguments += args
            }
            sql += " AND (" + (alternatives.isEmpty ? "0" : alternatives.joined(separator: " OR ")) + "))"
        }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + sql, arguments: arguments) ?? 0
        let ids = try String.fetchAll(db, sql: "SELECT r.id " + sql + " ORDER BY r.id LIMIT ? OFFSET ?",
                                      arguments: arguments + [count, offset])
        return (total, ids)
    }

    static func condition(_ match: FHIRSearchCriterion.Match) -> (String, StatementArguments) {
        switch match {
        case .equals(let v): return ("i.value = ?", [v])
        case .prefix(let v): return ("i.value LIKE ? ESCAPE '\\'", [escapeLike(v) + "%"])
        case .suffix(let v): return ("i.value LIKE ? ESCAPE '\\'", ["%" + escapeLike(v)])
        case .less(let v): return ("i.value < ?", [v])
        case .lessOrEqual(let v): return ("i.value <= ?", [v])
        case .greater(let v): return ("i.value > ?", [v])
        case .greaterOrEqual(let v): return ("i.value >= ?", [v])
        case .not(let inner):
            let (c, a) = condition(inner)
            return ("NOT (" + c + ")", a)
        case .none: return ("0", [])
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    static func currentVersion(_ row: Row) -> FHIRCurrentVersion {
        FHIRCurrentVersion(type: row["type"], id: row["id"], versionId: row["versionId"], lastUpdated: row["lastUpdated"],
                           deleted: row["deleted"], coreId: row["coreId"])
    }

    static func storedVersion(_ row: Row) -> FHIRStoredVersion {
        FHIRStoredVersion(type: row["type"], id: row["id"], versionId: row["versionId"], lastUpdated: row["lastUpdated"],
                          deleted: row["deleted"], method: row["method"], json: row["json"])
    }
}
