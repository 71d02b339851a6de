import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// Resolves the bearer token of every request except `/health` and turns errors into the
/// API's JSON errors — under `/fhir` into FHIR OperationOutcomes in the negotiated format
/// (FHIR R4 http.html: every error is an OperationOutcome). A missing or unknown token is a
/// 401 with `WWW-Authenticate: Bearer`, audited.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let gateway: Gateway

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            var context = context
            if request.uri.path != "/health" {
                guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                      case let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces), !token.isEmpty
                else {
                    await gateway.auditFailure(nil, "auth.unauthenticated", outcome: "denied",
                                               detail: ["path": request.uri.path, "why": "no bearer token"])
                    throw PGError(.unauthenticated, "a bearer token is required (Authorization: Bearer …)")
                }
                guard let principal = try await gateway.principal(token: token) else {
                    await gateway.auditFailure(nil, "auth.unauthenticated", outcome: "denied",
                                               detail: ["path": request.uri.path, "why": "unknown or revoked token"])
                    throw PGError(.unauthenticated, "the bearer token is not valid")
                }
                context.principal = principal
            }
            return try await next(request, context)
        } catch {
            if request.uri.path == "/fhir" || request.uri.path.hasPrefix("/fhir/") {
                let failure = FHIRFailure.from(error)
                if failure.status.code >= 500 { gateway.logInternalError(error, during: "\(request.method) \(request.uri.path)") }
                var response = FHIRExchange.failure(failure, format: (try? FHIRExchange.responseFormat(request)) ?? .json)
                if response.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"photogate\"" }
                return response
            }
            let failure = APIError.from(error)
            if failure.status.code >= 500 { gateway.logInternalError(error, during: "\(request.method) \(request.uri.path)") }
            throw failure
        }
    }
}

extension GatewayRequestContext {
    /// The caller, who must hold one of `roles` (`admin` always may); a wrong role is a 403, audited.
    func require(_ roles: Role..., gateway: Gateway, action: String) async throws -> Principal {
        try await require(roles, gateway: gateway, action: action)
    }

    /// ``require(_:gateway:action:)`` with the roles as an array.
    func require(_ roles: [Role], gateway: Gateway, action: String) async throws -> Principal {
        guard let principal else { throw PGError(.unauthenticated, "a bearer token is required") }
        guard principal.role == .admin || roles.contains(principal.role) else {
            await gateway.auditFailure(principal, "auth.forbidden", outcome: "denied",
                                       detail: ["action": action, "needs": roles.map(\.rawValue).joined(separator: ",")])
            throw PGError(.forbidden, "role \(principal.role.rawValue) may not \(action) (needs "
                + (roles.map(\.rawValue) + ["admin"]).joined(separator: " or ") + ")")
        }
        return principal
    }
}

extension Gateway {
    /// The principal of a bearer token (read-only lookup by hash, cached for a second: see
    /// ``PrincipalCache``).
    public func principal(token: String) async throws -> Principal? {
        guard token.utf8.count <= 512 else { return nil }
        let hash = TokenStore.hash(token)
        let now = Date()
        if let known = principals.principal(hash: hash, now: now) { return known }
        guard let principal = try await database.reader.read({ try TokenStore.principal($0, hash: hash) }) else { return nil }
        principals.remember(principal, hash: hash, now: now)
        return principal
    }
}
