import Foundation
import GRDB
import HL7
import PhotoGateCore
import Storage

/// The ADT events the gateway processes (HL7 v2.5.1 chapter 3).
enum ADTEvents {
    static let supported: Set<String> = ["A01", "A02", "A03", "A04", "A05", "A08", "A11", "A13", "A28", "A31", "A40", "A47"]
    static let acceptance = HL7Acceptance(messageEvents: Set(supported.map { "ADT^\($0)" }))
}

extension Gateway {
    /// Takes one HL7 v2 message from a connection and returns the acknowledgments to send back,
    /// in order. The message, what processing did and the ACK are committed in one transaction
    /// **before** this returns, so an ACK is only ever sent for a durably stored message. A
    /// retransmission (same MSH-3, MSH-4, MSH-10) gets its original ACK again and is not
    /// processed twice.
    ///
    /// Everything that does not need the store — parsing, the header checks, reading the
    /// message through the mappings, the ACK for success — is done before the transaction, on
    /// the connection's task: the store's writer is serial, and concurrent connections share
    /// its commits.
    public func receiveHL7(_ bytes: [UInt8], peer: String) async -> [[UInt8]] {
        let now = clock()
        let who = Principal(tokenID: "mllp", name: "mllp:\(peer)", role: .integration)
        let message: HL7Message
        do {
            message = try HL7Message(parsing: bytes)
        } catch {
            return await storeUnreadable(bytes, error: error, peer: peer, at: now, by: who)
        }
        let header = message.header
        let key = (app: header.sendingApplication.description, facility: header.sendingFacility.description,
                   control: header.controlID ?? "")
        let refusal = ADTEvents.acceptance.check(header)
        let input = refusal.isEmpty ? ADTInput(message, header: header, mappings: mappings) : nil
        let acknowledged = input?.structureError == nil && input?.facts.mrn != nil
            ? acknowledgments(to: message, header: header, outcome: .accepted, at: now) : nil
        do {
            return try await writer.write { db -> [[UInt8]] in
                if let earlier = try HL7MessageStore.find(db, sendingApplication: key.app, sendingFacility: key.facility,
                                                         controlId: key.control) {
                    try self.audit(db, who, "hl7.duplicate", patient: earlier.patientId, detail: ["message": earlier.id])
                    return [earlier.ack, earlier.appAck].compactMap { $0 }.map { Array($0.utf8) }
                }
                var errors = refusal
                var result = ADTResult(outcome: "rejected before processing", patientID: nil)
                if let input {
                    do {
                        result = try db.withSavepoint { try self.processADT(db, input, by: who) }
                    } catch let error as HL7Error {
                        errors.append(error)
                    } catch let error as PGError {
                        errors.append(HL7Error(error))
                    }
                }
                let outcome = HL7Outcome(errors: errors)
                let acks = outcome.status == .accepted && errors.isEmpty
                    ? acknowledged ?? self.acknowledgments(to: message, header: header, outcome: outcome, at: now)
                    : self.acknowledgments(to: message, header: header, outcome: outcome, at: now)
                let status = switch outcome.status { case .accepted: "processed"; case .error: "error"; case .rejected: "rejected" }
                try HL7MessageStore.insert(db, StoredHL7Message(
                    id: self.newID(), receivedAt: now, peer: peer, sendingApplication: key.app, sendingFacility: key.facility,
                    controlId: key.control, messageType: header.messageType?.description, version: header.version,
                    raw: Data(bytes), status: status, ack: acks.accept ?? acks.application ?? "",
                    appAck: acks.accept == nil ? nil : acks.application,
                    outcome: outcome.status == .accepted ? result.outcome : errors.map(\.description).joined(separator: "; "),
                    patientId: result.patientID, processedAt: now))
                return [acks.accept, acks.application].compactMap { $0 }.map { Array($0.utf8) }
            }
        } catch {
            // The store itself failed: nothing was committed, so answer AR (the sender retries).
            logger.error("HL7 intake could not store a message", metadata: ["pg.error": "\(error)"])
            let outcome = HL7Outcome(status: .rejected, errors: [HL7Error(.applicationInternalError, "the gateway could not store the message")])
            let acks = acknowledgments(to: message, header: header, outcome: outcome, at: now)
            return [acks.accept ?? acks.application].compactMap { $0 }.map { Array($0.utf8) }
        }
    }

    /// The ACKs the sender asked for (HL7 v2.5.1 §2.9): original mode → the application ACK;
    /// enhanced mode → the accept ACK (and the application ACK as MSH-16 asks).
    func acknowledgments(to message: HL7Message, header: HL7Header, outcome: HL7Outcome, at now: Date)
        -> (accept: String?, application: String?)
    {
        var out: (accept: String?, application: String?) = (nil, nil)
        for kind in HL7AckPolicy.toSend(for: header, status: outcome.status) {
            // In enhanced mode the commit ACK reports only the storing; processing errors go in the application ACK.
            let effective = kind == .accept && outcome.status == .error ? HL7Outcome.accepted : outcome
            let ack = Self.acknowledger.acknowledgment(kind, to: message, outcome: effective, controlID: ackControlID(), at: now)
            if kind == .accept { out.accept = ack.encodedText() } else { out.application = ack.encodedText() }
        }
        return out
    }

    /// Input that is not an HL7 message: stored as rejected (when it has a readable key) and
    /// answered with AR/CR and ERR, as far as its header allows.
    func storeUnreadable(_ bytes: [UInt8], error: any Error, peer: String, at now: Date, by who: Principal) async -> [[UInt8]] {
        let hl7Error = (error as? HL7Error) ?? HL7Error(.segmentSequenceError, "not an HL7 v2 message")
        let ack = Self.acknowledger.acknowledgment(toUnreadable: bytes, error: hl7Error, controlID: ackControlID(), at: now)
        let salvaged = HL7Message.salvageHeader(from: bytes)?.header
        do {
            try await writer.write { db in
                try HL7MessageStore.insert(db, StoredHL7Message(
                    id: self.newID(), receivedAt: now, peer: peer,
                    sendingApplication: salvaged?.sendingApplication.description ?? "",
                    sendingFacility: salvaged?.sendingFacility.description ?? "", controlId: "",
                    messageType: salvaged?.messageType?.description, version: salvaged?.version, raw: Data(bytes),
                    status: "rejected", ack: ack?.encodedText() ?? "", appAck: nil, outcome: hl7Error.description,
                    patientId: nil, processedAt: now))
                try self.audit(db, who, "hl7.rejected", outcome: "denied", detail: ["code": String(hl7Error.code.rawValue)])
            }
        } catch {
            logger.error("HL7 intake could not store a rejected message", metadata: ["pg.error": "\(error)"])
        }
        return ack.map { [$0.encodedBytes()] } ?? []
    }

    static let acknowledger = HL7Acknowledger()

    /// MSH-10 of our ACKs: unique, at most 20 characters (ST in v2.5.1): `PG` and 18 random
    /// hexadecimal digits (72 bits).
    func ackControlID() -> String {
        var random = SystemRandomNumberGenerator()
        let high = String(UInt16.random(in: 0...0xFF, using: &random), radix: 16, uppercase: true)
        let low = String(random.next() as UInt64, radix: 16, uppercase: true)
        return "PG" + String(repeating: "0", count: 2 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
    }
}
