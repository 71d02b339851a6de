import Foundation
import Hummingbird
import PhotoGateCore

/// `/api/patients`, `/api/consents`, `/api/events`, `/api/audit`.
struct PatientRoutes {
    let gateway: Gateway

    func add(to router: Router<GatewayRequestContext>) {
        let g = gateway
        router.get("/api/patients") { request, context in
            let who = try await context.require(.integration, .clinician, .communications, gateway: g, action: "read patients")
            guard let id = try request.identifierQuery("identifier") else {
                throw PGError(.missingRequired, "identifier (system|value) is required")
            }
            return Reply.json(try await g.findPatient(id, by: who))
        }
        router.patch("/api/patients") { request, context in
            let who = try await context.require(.integration, gateway: g, action: "update patients")
            guard let id = try request.identifierQuery("identifier") else {
                throw PGError(.missingRequired, "identifier (system|value) is required")
            }
            var request = request
            let patch = try await request.json(PatientPatch.self, limit: g.config.maxJSONBytes)
            let (patient, created) = try await g.patchPatient(id, patch, by: who)
            return Reply.json(patient, status: created ? .created : .ok)
        }
        router.post("/api/consents") { request, context in
            let who = try await context.require(.integration, .communications, gateway: g, action: "record consents")
            var request = request
            let input = try await request.json(ConsentInput.self, limit: g.config.maxJSONBytes)
            let (consent, created) = try await g.saveConsent(input, by: who)
            return Reply.json(consent, status: created ? .created : .ok,
                              headers: [.location: "/api/consents/\(consent.id)"])
        }
        router.get("/api/consents") { request, context in
            let who = try await context.require(.integration, .communications, .privacyOfficer, gateway: g, action: "read consents")
            guard let id = try request.identifierQuery("patient") else {
                throw PGError(.missingRequired, "patient (system|value) is required")
            }
            return Reply.json(try await g.consents(of: id, by: who))
        }
        router.post("/api/consents/{id}/withdraw") { _, context in
            let who = try await context.require(.integration, .communications, gateway: g, action: "withdraw consents")
            return Reply.json(try await g.withdrawConsent(try context.parameters.require("id"), by: who))
        }
        router.get("/api/events") { request, context in
            let who = try await context.require(.integration, .communications, .privacyOfficer, gateway: g, action: "read events")
            let after: Int64 = try request.query("after").map { (text: String) -> Int64 in
                guard let n = Int64(text), n >= 0 else { throw PGError(.badRequest, "after must be a cursor from a previous page") }
                return n
            } ?? 0
            return Reply.json(try await g.events(after: after, limit: try request.intQuery("limit", default: 100, range: 1...1000),
                                                 by: who))
        }
        router.get("/api/audit") { request, context in
            let who = try await context.require(.privacyOfficer, gateway: g, action: "read the audit trail")
            return Reply.json(try await g.auditEntries(patientID: request.query("patient"), assetID: request.query("asset"),
                                                       actor: request.query("actor"),
                                                       limit: try request.intQuery("limit", default: 100, range: 1...1000), by: who))
        }
    }
}
