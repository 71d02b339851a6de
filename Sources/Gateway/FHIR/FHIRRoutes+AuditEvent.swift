import FHIR
import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// `/fhir/AuditEvent`: read and search (`_id`, `entity`, `agent`, `date`) over the audit
/// trail, for the `privacy-officer` (and `admin`).
extension FHIRRoutes {
    func addAuditEvent(_ router: Router<GatewayRequestContext>, _ registry: inout FHIRRouteRegistry, _ server: FHIRServer) {
        let g = gateway
        registry.record(path: "/fhir/AuditEvent/{id}", method: .get, type: "AuditEvent", interaction: .read, versioned: false,
                        documentation: "The gateway's hash-chained audit trail, one AuditEvent per record (privacy-officer).")
        route(router, .get, "/fhir/AuditEvent/{id}", access: .any) { _, context, exchange, _ in
            let who = try await context.require(.privacyOfficer, gateway: g, action: "read the audit trail")
            return exchange.respond(.auditEvent(try await server.readAuditEvent(id: try context.parameters.require("id"), by: who)))
        }
        registry.record(path: "/fhir/AuditEvent", method: .get, type: "AuditEvent", interaction: .searchType,
                        searchParameters: FHIRServer.auditEventParameters)
        route(router, .get, "/fhir/AuditEvent", access: .any) { request, context, exchange, _ in
            let who = try await context.require(.privacyOfficer, gateway: g, action: "read the audit trail")
            let query = Self.query(request)
            let count = try Self.intParameter(query, "_count", default: 20, range: 0...1000)
            let offset = try Self.intParameter(query, "_offset", default: 0, range: 0...Int(Int32.max))
            let (total, matches) = try await server.searchAuditEvents(query: query, count: count, offset: offset, by: who)
            return exchange.respond(.bundle(Self.searchBundle(type: "AuditEvent", query: query, total: total,
                                                              matches: matches.map { ($0.id ?? "", .auditEvent($0)) },
                                                              count: count, offset: offset, exchange: exchange)))
        }
    }
}
