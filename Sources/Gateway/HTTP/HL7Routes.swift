import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// The HL7 message browser: `/api/hl7/messages…` (roles integration, admin).
struct HL7Routes {
    let gateway: Gateway

    func add(to router: Router<GatewayRequestContext>) {
        let g = gateway
        router.get("/api/hl7/messages") { request, context in
            let who = try await context.require(.integration, gateway: g, action: "browse HL7 messages")
            let status = request.query("status")
            if let status, !["processed", "error", "rejected"].contains(status) {
                throw PGError(.badRequest, "status must be processed, error or rejected")
            }
            return Reply.json(try await g.hl7Messages(status: status, type: request.query("type"),
                                                      since: try request.dateQuery("since"),
                                                      limit: try request.intQuery("limit", default: 100, range: 1...1000), by: who))
        }
        router.get("/api/hl7/messages/{id}") { _, context in
            let who = try await context.require(.integration, gateway: g, action: "browse HL7 messages")
            return Reply.json(try await g.hl7Message(try context.parameters.require("id"), by: who))
        }
        router.post("/api/hl7/messages/{id}/reprocess") { _, context in
            let who = try await context.require(.integration, gateway: g, action: "reprocess HL7 messages")
            return Reply.json(try await g.reprocessHL7(try context.parameters.require("id"), by: who))
        }
    }
}

/// A stored message as the browser shows it.
public struct HL7MessageView: Codable, Sendable {
    public var id: String
    public var receivedAt: Date
    public var peer: String
    public var sendingApplication: String
    public var sendingFacility: String
    public var controlId: String
    public var messageType: String?
    public var version: String?
    public var status: String
    public var outcome: String
    public var patient: String?
    public var reprocessCount: Int
    /// Detail view only: the message and the ACK(s) sent, segments separated by `\r`.
    public var raw: String?
    public var ack: String?
    public var applicationAck: String?

    init(_ m: StoredHL7Message, detail: Bool) {
        id = m.id
        receivedAt = m.receivedAt
        peer = m.peer
        sendingApplication = m.sendingApplication
        sendingFacility = m.sendingFacility
        controlId = m.controlId
        messageType = m.messageType
        version = m.version
        status = m.status
        outcome = m.outcome
        patient = m.patientId
        reprocessCount = m.reprocessCount
        if detail {
            raw = String(decoding: m.raw, as: UTF8.self)
            ack = m.ack
            applicationAck = m.appAck
        }
    }
}
