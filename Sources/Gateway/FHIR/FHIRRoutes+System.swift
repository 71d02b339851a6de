import FHIR
import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// `POST /fhir` (transaction and batch Bundles) and `POST /fhir/$process-message`; role
/// `integration`.
extension FHIRRoutes {
    func addSystem(_ router: Router<GatewayRequestContext>, _ registry: inout FHIRRouteRegistry, _ server: FHIRServer) {
        let photoLimit = Self.photoBodyLimit(gateway.config)
        let messageLimit = gateway.config.maxJSONBytes
        registry.record(path: "/fhir", method: .post, system: .transaction,
                        documentation: "All or nothing in one database transaction; urn:uuid fullUrl references resolved; "
                            + "entries: create (+ifNoneExist) and update of Patient and Consent, conditional update of Patient, "
                            + "create of Media (with its photo inline or as a Binary entry), delete of Consent.")
        registry.record(path: "/fhir", method: .post, system: .batch,
                        documentation: "Every entry on its own (also read of Patient, Consent, Media); each answered with its status.")
        route(router, .post, "/fhir", access: .write) { request, _, exchange, who in
            let resource = try await FHIRExchange.body(&request, limit: photoLimit)
            guard case .bundle(let bundle) = resource else { throw Self.wrongType(resource, "Bundle") }
            let now = FHIRTemporal.instant(server.gateway.clock())
            switch bundle.type {
            case .transaction:
                let results = try await server.transaction(bundle, base: exchange.base, by: who)
                let entries = try results.map { try Self.responseEntry($0, exchange: exchange) }
                return exchange.respond(.bundle(FHIR.Bundle(id: server.gateway.newID(), type: .transactionResponse, timestamp: now,
                                                            entry: entries)))
            case .batch:
                let results = await server.batch(bundle, base: exchange.base, by: who)
                let entries = try results.map { result -> FHIR.Bundle.Entry in
                    switch result {
                    case .success(let r): return try Self.responseEntry(r, exchange: exchange)
                    case .failure(let f):
                        return FHIR.Bundle.Entry(response: .failed(status: Self.statusLine(Int(f.status.code)), outcome: f.outcome))
                    }
                }
                return exchange.respond(.bundle(FHIR.Bundle(id: server.gateway.newID(), type: .batchResponse, timestamp: now,
                                                            entry: entries)))
            default:
                throw FHIRFailure(400, .invalid, "POST /fhir takes a transaction or batch Bundle (got \(bundle.type.rawValue)); "
                    + "send messages to /fhir/$process-message")
            }
        }
        registry.record(path: "/fhir/$process-message", method: .post, operation: .init(
            name: "process-message", definition: "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message",
            documentation: "Message events (http://photogate.org/fhir/CodeSystem/message-event): patient-update, patient-deceased, "
                + "consent-change. Idempotent on the message Bundle id."))
        route(router, .post, "/fhir/$process-message", access: .write) { request, _, exchange, who in
            let resource = try await FHIRExchange.body(&request, limit: messageLimit)
            guard case .bundle(let bundle) = resource else { throw Self.wrongType(resource, "Bundle") }
            let reply = try await server.processMessage(bundle, base: exchange.base, by: who)
            var headers: HTTPFields = [:]
            if reply.replayed { headers[.init("X-PhotoGate-Replayed")!] = "true" }
            return exchange.respond(storedJSON: reply.json, status: .init(code: reply.status), headers: headers)
        }
    }

    /// The response entry of a transaction or batch entry (http.html#transaction-response).
    static func responseEntry(_ r: FHIRServer.EntryResult, exchange: FHIRExchange) throws -> FHIR.Bundle.Entry {
        guard let w = r.written else {
            return FHIR.Bundle.Entry(response: .init(status: statusLine(r.status), location: r.location))
        }
        let v = w.version
        let resource = exchange.prefer == .representation ? try decode(v) : nil
        return FHIR.Bundle.Entry(
            fullUrl: "\(exchange.base)/\(v.type)/\(v.id)", resource: resource,
            response: .init(status: statusLine(r.status),
                            location: w.versioned ? "\(v.type)/\(v.id)/_history/\(v.versionId)" : "\(v.type)/\(v.id)",
                            etag: w.versioned ? "W/\"\(v.versionId)\"" : nil, lastModified: FHIRTemporal.instant(v.lastUpdated)))
    }

    /// `201 Created`.
    static func statusLine(_ code: Int) -> String {
        let reasons = [200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
                       404: "Not Found", 405: "Method Not Allowed", 409: "Conflict", 410: "Gone", 412: "Precondition Failed",
                       413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
                       500: "Internal Server Error", 503: "Service Unavailable"]
        return "\(code) " + (reasons[code] ?? "Status")
    }
}
