import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// Writes an audit record inside the caller's transaction. `assets` names the assets of a
    /// change that touched many at once (one record for the whole fan-out).
    func audit(_ db: Database, _ who: Principal?, _ action: String, patient: String? = nil, asset: String? = nil,
               assets: [String] = [], outcome: String = "success", detail: [String: String] = [:]) throws {
        try AuditLog.append(db, AuditEntry(at: clock(), actor: who?.name ?? "anonymous", role: who?.role.rawValue ?? "none",
                                           action: action, patientID: patient, assetID: asset, outcome: outcome,
                                           detail: detail), assets: assets)
    }

    /// Records a refused or failed request in its own transaction (auth failures, denials).
    public func auditFailure(_ who: Principal?, _ action: String, patient: String? = nil, asset: String? = nil,
                             outcome: String, detail: [String: String] = [:]) async {
        do {
            try await writer.write { db in
                try self.audit(db, who, action, patient: patient, asset: asset, outcome: outcome, detail: detail)
            }
        } catch {
            logger.error("cannot write an audit record", metadata: ["pg.audit.action": "\(action)", "pg.error": "\(error)"])
        }
    }

    /// Logs an error that reaches a client only as "internal error" (HTTP 500), for the
    /// operator: its type, and a database error's code and message — GRDB's SQL text carries
    /// no argument values, so no PHI.
    func logInternalError(_ error: any Error, during what: String) {
        let database = (error as? DatabaseError).map { "\($0.resultCode): \($0.message ?? "")" }
        logger.error("request failed with an internal error", metadata: [
            "pg.during": "\(what)", "pg.error.type": "\(type(of: error))", "pg.error": "\(database ?? "")",
        ])
    }

    /// Audit records, newest first (privacy officer).
    public func auditEntries(patientID: String?, assetID: String?, actor: String?, limit: Int, by who: Principal)
        async throws -> [AuditEntry]
    {
        try await writer.write { db in
            try self.audit(db, who, "audit.read", patient: patientID, asset: assetID)
            return try AuditLog.entries(db, patientID: patientID, assetID: assetID, actor: actor, limit: limit)
        }
    }

    /// Verifies the whole chain.
    public func verifyAudit() throws -> (checked: Int, breach: AuditLog.Breach?) {
        try database.reader.read { try AuditLog.verify($0) }
    }
}
