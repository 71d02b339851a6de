import FHIR
import Foundation
import Hummingbird
import PhotoGateCore
import Storage

/// `/fhir/Media`: read, search (`_id`, `subject`, `created`) and create (the photo in
/// `content.data`). Reads: `integration` (metadata only), `clinician`, `privacy-officer`,
/// `communications` (the communication stream); create: `integration`.
extension FHIRRoutes {
    func addMedia(_ router: Router<GatewayRequestContext>, _ registry: inout FHIRRouteRegistry, _ server: FHIRServer) {
        let g = gateway
        let readers: [Role] = [.integration, .clinician, .privacyOfficer, .communications]
        let documentation = "The gateway's photos (assets), built from the core records; content.url is the photo as a Binary."
        registry.record(path: "/fhir/Media/{id}", method: .get, type: "Media", interaction: .read, versioned: false,
                        documentation: documentation)
        route(router, .get, "/fhir/Media/{id}", access: .any) { _, context, exchange, _ in
            let who = try await context.require(readers, gateway: g, action: "read FHIR Media")
            let media = try await server.readMedia(id: try context.parameters.require("id"), base: exchange.base, by: who)
            return exchange.respond(.media(media), headers: [.lastModified: FHIRExchange.httpDate(
                media.meta?.lastUpdated.flatMap(FHIRTemporal.start(of:)) ?? g.clock())])
        }
        registry.record(path: "/fhir/Media", method: .get, type: "Media", interaction: .searchType,
                        searchParameters: FHIRServer.mediaParameters)
        route(router, .get, "/fhir/Media", access: .any) { request, context, exchange, _ in
            let who = try await context.require(readers, gateway: g, action: "search FHIR Media")
            let query = Self.query(request)
            let count = try Self.intParameter(query, "_count", default: 20, range: 0...1000)
            let offset = try Self.intParameter(query, "_offset", default: 0, range: 0...Int(Int32.max))
            let (total, matches) = try await server.searchMedia(query: query, count: count, offset: offset, base: exchange.base, by: who)
            return exchange.respond(.bundle(Self.searchBundle(type: "Media", query: query, total: total,
                                                              matches: matches.map { ($0.id ?? "", .media($0)) },
                                                              count: count, offset: offset, exchange: exchange)))
        }
        registry.record(path: "/fhir/Media", method: .post, type: "Media", interaction: .create)
        let limit = Self.photoBodyLimit(gateway.config)
        route(router, .post, "/fhir/Media", access: .write) { request, _, exchange, who in
            guard request.headers[.init("If-None-Exist")!] == nil else {
                throw FHIRFailure(400, .notSupported, "conditional create is not supported for Media")
            }
            let resource = try await FHIRExchange.body(&request, limit: limit)
            guard case .media(let media) = resource else { throw Self.wrongType(resource, "Media") }
            return try Self.writeResponse(try await server.createMedia(media, base: exchange.base, by: who), exchange: exchange)
        }
    }

    /// Bodies that carry a photo (base64, a third larger) and some JSON around it.
    static func photoBodyLimit(_ config: GatewayConfig) -> Int {
        config.maxUploadBytes / 3 * 4 + 8 + config.maxJSONBytes
    }
}
