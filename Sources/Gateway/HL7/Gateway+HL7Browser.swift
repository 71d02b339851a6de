import Foundation
import GRDB
import HL7
import PhotoGateCore
import Storage

extension Gateway {
    public func hl7Messages(status: String?, type: String?, since: Date?, limit: Int, by who: Principal) async throws
        -> [HL7MessageView]
    {
        try await writer.write { db in
            let messages = try HL7MessageStore.list(db, status: status, type: type, since: since, limit: limit)
            try self.audit(db, who, "hl7.browse", detail: ["count": String(messages.count)])
            return messages.map { HL7MessageView($0, detail: false) }
        }
    }

    public func hl7Message(_ id: String, by who: Principal) async throws -> HL7MessageView {
        try await writer.write { db in
            guard let m = try HL7MessageStore.find(db, id: id) else { throw PGError(.notFound, "no HL7 message \(id)") }
            try self.audit(db, who, "hl7.read", patient: m.patientId, detail: ["message": id])
            return HL7MessageView(m, detail: true)
        }
    }

    /// Processes a stored message again (after a mapping fix). Only messages that were not
    /// processed successfully can be reprocessed, so nothing is applied twice; the ACK that
    /// was sent stays on record, the new outcome replaces the old one.
    public func reprocessHL7(_ id: String, by who: Principal) async throws -> HL7MessageView {
        try await writer.write { db in
            guard var stored = try HL7MessageStore.find(db, id: id) else { throw PGError(.notFound, "no HL7 message \(id)") }
            guard stored.status != "processed" else {
                throw PGError(.invalidStateTransition, "message \(id) was processed already; reprocessing would apply it twice")
            }
            let message: HL7Message
            do { message = try HL7Message(parsing: Array(stored.raw)) } catch {
                throw PGError(.badRequest, "message \(id) is not a readable HL7 message: \(error)")
            }
            let header = message.header
            var errors = ADTEvents.acceptance.check(header)
            var result = ADTResult(outcome: "", patientID: nil)
            if errors.isEmpty {
                let input = ADTInput(message, header: header, mappings: self.mappings)
                do {
                    result = try db.withSavepoint { try self.processADT(db, input, by: who) }
                } catch let error as HL7Error {
                    errors.append(error)
                } catch let error as PGError {
                    errors.append(HL7Error(error))
                }
            }
            let outcome = HL7Outcome(errors: errors)
            stored.status = switch outcome.status { case .accepted: "processed"; case .error: "error"; case .rejected: "rejected" }
            stored.outcome = outcome.status == .accepted ? "reprocessed: " + result.outcome
                                                        : errors.map(\.description).joined(separator: "; ")
            stored.patientId = result.patientID ?? stored.patientId
            stored.processedAt = self.clock()
            stored.reprocessCount += 1
            try HL7MessageStore.update(db, stored)
            try self.audit(db, who, "hl7.reprocess", patient: stored.patientId, detail: ["message": id, "status": stored.status])
            return HL7MessageView(stored, detail: true)
        }
    }
}
