import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// The DICOM forwarding outbox: `/api/dicom/forwards…` (roles integration, admin).
struct DicomRoutes {
    let gateway: Gateway

    func add(to router: Router<GatewayRequestContext>) {
        let g = gateway
        router.get("/api/dicom/forwards") { request, context in
            let who = try await context.require(.integration, gateway: g, action: "read DICOM forwards")
            var status: DicomForward.Status?
            if let raw = request.query("status") {
                guard let parsed = DicomForward.Status(rawValue: raw) else {
                    throw PGError(.badRequest, "status must be pending, sent or failed")
                }
                status = parsed
            }
            let (forwards, summary) = try await g.listForwards(
                status: status, destination: request.query("destination"),
                limit: try request.intQuery("limit", default: 100, range: 1...1000), by: who)
            return Reply.json(ForwardsView(
                destinations: Dictionary(grouping: summary, by: \.destination).mapValues { rows in
                    Dictionary(uniqueKeysWithValues: rows.map { ($0.status, $0.count) })
                },
                forwards: forwards.map(ForwardView.init)))
        }
        router.post("/api/dicom/forwards/retry") { request, context in
            let who = try await context.require(.integration, gateway: g, action: "retry DICOM forwards")
            let n = try await g.retryFailedForwards(destination: request.query("destination"), by: who)
            return Reply.json(["requeued": n])
        }
    }
}

/// `GET /api/dicom/forwards`: counts per destination and status, then the forwards.
struct ForwardsView: Codable, Sendable {
    var destinations: [String: [String: Int]]
    var forwards: [ForwardView]
}

struct ForwardView: Codable, Sendable {
    var id: String
    var asset: String
    var version: Int
    var destination: String
    var status: String
    var attempts: Int
    var nextAttemptAt: Date?
    var lastError: String?
    var createdAt: Date
    var sentAt: Date?

    init(_ f: DicomForward) {
        id = f.id
        asset = f.assetID
        version = f.version
        destination = f.destination
        status = f.status.rawValue
        attempts = f.attempts
        nextAttemptAt = f.status == .pending ? f.nextAttemptAt : nil
        lastError = f.lastError
        createdAt = f.createdAt
        sentAt = f.sentAt
    }
}
