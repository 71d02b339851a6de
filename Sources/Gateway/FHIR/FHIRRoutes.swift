import FHIR
import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// `/fhir`: the FHIR R4 RESTful API (http.html) for Patient, Consent, Media, Binary and
/// AuditEvent, `POST /fhir` (transaction and batch Bundles), `POST /fhir/$process-message`,
/// and `GET /fhir/metadata` built from what is registered here. Every answer, errors
/// included, is FHIR in the negotiated format (errors as OperationOutcome; a missing token is
/// answered by ``AuthMiddleware`` with an OperationOutcome too). Roles here: writes need
/// `integration`, reads `integration`, `clinician` or `privacy-officer` (`admin` always);
/// Media, Binary and AuditEvent say their own.
struct FHIRRoutes {
    let gateway: Gateway

    enum Access { case read, write, any }

    typealias Handler = @Sendable (inout Request, GatewayRequestContext, FHIRExchange, Principal) async throws -> Response

    func add(to router: Router<GatewayRequestContext>) {
        let server = FHIRServer(gateway: gateway)
        server.reindexIfNeeded()
        var registry = FHIRRouteRegistry()
        addResource(router, &registry, server, type: "Patient", parameters: FHIRServer.patientParameters,
                    conditionalUpdate: true, delete: false) { resource, target, who in
            guard case .patient(let p) = resource else { throw Self.wrongType(resource, "Patient") }
            return try await server.writePatient(p, target: target, by: who)
        }
        addResource(router, &registry, server, type: "Consent", parameters: FHIRServer.consentParameters,
                    conditionalUpdate: false, delete: true) { resource, target, who in
            guard case .consent(let c) = resource else { throw Self.wrongType(resource, "Consent") }
            return try await server.writeConsent(c, target: target, by: who)
        }
        addMedia(router, &registry, server)
        addBinary(router, &registry, server)
        addAuditEvent(router, &registry, server)
        addSystem(router, &registry, server)
        // Unsupported methods on the paths above: 405 (http.html: an interaction the server
        // does not support).
        for (path, methods) in registry.paths {
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] where !methods.contains(method) {
                route(router, method, path, access: .any) { request, _, _, _ in
                    throw FHIRFailure(405, .notSupported, "\(method.rawValue) is not supported on \(request.uri.path)")
                }
            }
        }
        // Other resource types.
        let types = registry.types
        for path in ["/fhir/{type}", "/fhir/{type}/{id}", "/fhir/{type}/{id}/_history", "/fhir/{type}/{id}/_history/{vid}"] {
            for method in [HTTPRequest.Method.get, .post, .put, .delete, .patch] {
                route(router, method, path, access: .any) { _, context, _, _ in
                    let type = context.parameters.get("type") ?? ""
                    throw FHIRFailure(404, .notSupported, "resource type '\(type)' is not supported (supported: "
                        + types.joined(separator: ", ") + ")")
                }
            }
        }
        let statement = registry
        let g = gateway
        route(router, .get, "/fhir/metadata", access: .any) { _, _, exchange, who in
            try await g.writer.write { db in try g.audit(db, who, "fhir.capabilities") }
            return exchange.respond(.capabilityStatement(statement.capabilityStatement(date: g.clock(), base: exchange.base)))
        }
    }

    /// The query of a request, percent-decoded, in order.
    static func query(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key).removingPercentEncoding ?? String($0.key), String($0.value)) }
    }

    static func wrongType(_ r: FHIRResource, _ expected: String) -> FHIRFailure {
        FHIRFailure(400, .invalid, "the body is a \(r.resourceType), not a \(expected)")
    }

    /// The routes of one resource type.
    func addResource(_ router: Router<GatewayRequestContext>, _ registry: inout FHIRRouteRegistry, _ server: FHIRServer,
                     type: String, parameters: [FHIRSearchParameter], conditionalUpdate: Bool, delete: Bool,
                     write: @escaping @Sendable (FHIRResource, FHIRServer.Target, Principal) async throws -> FHIRServer.Written) {
        let base = "/fhir/\(type)"
        let limit = gateway.config.maxJSONBytes

        registry.record(path: base + "/{id}", method: .get, type: type, interaction: .read)
        route(router, .get, base + "/{id}", access: .read) { _, context, exchange, who in
            let v = try await server.read(type: type, id: try context.parameters.require("id"), by: who)
            return exchange.respond(storedJSON: v.json ?? "", headers: exchange.versionHeaders(v, location: false))
        }
        registry.record(path: base + "/{id}/_history/{vid}", method: .get, type: type, interaction: .vread)
        route(router, .get, base + "/{id}/_history/{vid}", access: .read) { _, context, exchange, who in
            let v = try await server.vread(type: type, id: try context.parameters.require("id"),
                                           versionId: try context.parameters.require("vid"), by: who)
            return exchange.respond(storedJSON: v.json ?? "", headers: exchange.versionHeaders(v, location: false))
        }
        registry.record(path: base + "/{id}/_history", method: .get, type: type, interaction: .historyInstance)
        route(router, .get, base + "/{id}/_history", access: .read) { _, context, exchange, who in
            let versions = try await server.history(type: type, id: try context.parameters.require("id"), by: who)
            return exchange.respond(.bundle(try Self.historyBundle(versions, exchange: exchange)))
        }
        registry.record(path: base, method: .get, type: type, interaction: .searchType, searchParameters: parameters)
        route(router, .get, base, access: .read) { request, _, exchange, who in
            let query = Self.query(request)
            let count = try Self.intParameter(query, "_count", default: 20, range: 0...1000)
            let offset = try Self.intParameter(query, "_offset", default: 0, range: 0...Int(Int32.max))
            let (total, matches) = try await server.search(type: type, query: query, parameters: parameters, count: count,
                                                           offset: offset, by: who)
            return exchange.respond(.bundle(try Self.searchBundle(type: type, query: query, total: total, matches: matches,
                                                                  count: count, offset: offset, exchange: exchange)))
        }
        registry.record(path: base, method: .post, type: type, interaction: .create, conditionalCreate: true)
        route(router, .post, base, access: .write) { request, _, exchange, who in
            let resource = try await FHIRExchange.body(&request, limit: limit)
            let written = try await write(resource, .create(ifNoneExist: request.headers[.init("If-None-Exist")!]), who)
            return try Self.writeResponse(written, exchange: exchange)
        }
        registry.record(path: base + "/{id}", method: .put, type: type, interaction: .update, updateCreate: true)
        route(router, .put, base + "/{id}", access: .write) { request, context, exchange, who in
            let id = try context.parameters.require("id")
            let ifMatch = try FHIRExchange.ifMatch(request)
            let resource = try await FHIRExchange.body(&request, limit: limit)
            return try Self.writeResponse(try await write(resource, .update(id: id, ifMatch: ifMatch), who), exchange: exchange)
        }
        if conditionalUpdate {
            registry.record(path: base, method: .put, type: type, interaction: nil, conditionalUpdate: true)
            route(router, .put, base, access: .write) { request, _, exchange, who in
                let query = Self.query(request).filter { !FHIRSearchParameter.control.contains($0.0) }
                let ifMatch = try FHIRExchange.ifMatch(request)
                let resource = try await FHIRExchange.body(&request, limit: limit)
                return try Self.writeResponse(try await write(resource, .conditionalUpdate(query: query, ifMatch: ifMatch), who),
                                              exchange: exchange)
            }
        }
        if delete {
            registry.record(path: base + "/{id}", method: .delete, type: type, interaction: .delete)
            route(router, .delete, base + "/{id}", access: .write) { _, context, exchange, who in
                let id = try context.parameters.require("id")
                let (version, already) = try await server.deleteConsent(id: id, by: who)
                let message = already ? "\(type)/\(id) was already deleted"
                    : "\(type)/\(id) deleted (version \(version?.versionId ?? 0)): the consent is withdrawn"
                var headers: HTTPFields = [:]
                if let version { headers[.eTag] = "W/\"\(version.versionId)\"" }
                return exchange.respond(.operationOutcome(.information(message)), headers: headers)
            }
        }
    }

    /// 201 (created) or 200, with ETag, Last-Modified, Location, and the body `Prefer` asks for.
    static func writeResponse(_ w: FHIRServer.Written, exchange: FHIRExchange) throws -> Response {
        let status: HTTPResponse.Status = w.created ? .created : .ok
        var headers = exchange.versionHeaders(w.version, location: true)
        if !w.versioned {
            headers[.eTag] = nil
            headers[.location] = "\(exchange.base)/\(w.version.type)/\(w.version.id)"
        }
        switch exchange.prefer {
        case .minimal:
            return Response(status: status, headers: headers)
        case .operationOutcome:
            let what = w.existing ? "matched the existing resource; nothing was written"
                : w.created ? "created" : "updated"
            let version = w.versioned ? " (version \(w.version.versionId))" : ""
            return exchange.respond(.operationOutcome(.information("\(w.version.type)/\(w.version.id) \(what)\(version)")),
                                    status: status, headers: headers)
        case .representation:
            return exchange.respond(storedJSON: w.version.json ?? "", status: status, headers: headers)
        }
    }

    /// Registers one route: checks the role, negotiates the format, and turns every failure
    /// into an OperationOutcome (audited, unless the operation audited it already).
    func route(_ router: Router<GatewayRequestContext>, _ method: HTTPRequest.Method, _ path: String, access: Access,
               _ handler: @escaping Handler) {
        let g = gateway
        let host = "\(gateway.config.host):\(gateway.config.httpPort)"
        router.on(RouterPath(path), method: method) { request, context -> Response in
            let format = (try? FHIRExchange.responseFormat(request)) ?? .json
            var request = request
            do {
                let exchange = try FHIRExchange(request, defaultHost: host)
                let who: Principal
                switch access {
                case .read: who = try await context.require(.integration, .clinician, .privacyOfficer, gateway: g, action: "read FHIR resources")
                case .write: who = try await context.require(.integration, gateway: g, action: "write FHIR resources")
                case .any:
                    guard let p = context.principal else { throw PGError(.unauthenticated, "a bearer token is required") }
                    who = p
                }
                return try await handler(&request, context, exchange, who)
            } catch {
                let failure = FHIRFailure.from(error)
                // A FHIRFailure is an answer already made (with its diagnostics); anything else
                // that ends in a 500 is unexpected, and the operator's log says what it was.
                if failure.status.code >= 500, !(error is FHIRFailure) { g.logInternalError(error, during: "FHIR \(method.rawValue)") }
                if ![403, 404, 410].contains(failure.status.code) {
                    await g.auditFailure(context.principal, "fhir.request", outcome: "failed", detail: [
                        "method": method.rawValue, "path": request.uri.path, "status": String(failure.status.code),
                        "issue": failure.outcome.issue.first?.code.rawValue ?? "",
                    ])
                }
                return FHIRExchange.failure(failure, format: format)
            }
        }
    }
}
