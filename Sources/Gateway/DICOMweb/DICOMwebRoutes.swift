import DICOMweb
import Foundation
import Hummingbird
import PhotoGateCore

/// `/dicomweb` — DICOMweb (PS3.18) over the gateway's assets: QIDO-RS search over the DICOM
/// query index, WADO-RS retrieval (instances, metadata, bulk data, rendered JPEG) and
/// STOW-RS (`application/dicom` parts, and DICOM JSON metadata with a JPEG bulk-data part
/// that becomes a VL Photographic Image). Errors are the API's `{"code","message"}` JSON
/// with the registry's status ([docs/dicomweb.md](../../../docs/dicomweb.md)).
///
/// Roles, as for the same reads and writes under `/api`:
/// - search and metadata (attributes, no pixels): `clinician`, `privacy-officer`;
/// - instances, bulk data and rendered images (pixels): `clinician` — as
///   `GET /api/assets/{id}/dicom`; publication copies exist only as renditions, which go
///   through the consent decision;
/// - store: `uploader`, `clinician`;
/// - `admin` everything. Every read is audited per instance.
struct DICOMwebRoutes {
    let gateway: Gateway

    static let searchRoles: [Role] = [.clinician, .privacyOfficer]
    static let metadataRoles: [Role] = [.clinician, .privacyOfficer]
    static let pixelRoles: [Role] = [.clinician]
    static let storeRoles: [Role] = [.uploader, .clinician]

    /// Most results of one QIDO-RS page (`limit` above it is refused; without `limit` the
    /// first this many are returned with a Warning).
    static let maxResults = 1000

    func add(to router: Router<GatewayRequestContext>) {
        let web = router.group("dicomweb")
        // QIDO-RS (PS3.18 10.6)
        web.get("studies") { request, context in try await search(request, context, .study) }
        web.get("series") { request, context in try await search(request, context, .series) }
        web.get("instances") { request, context in try await search(request, context, .instance) }
        web.get("studies/{study}/series") { request, context in
            try await search(request, context, .series, study: context.parameters.require("study"))
        }
        web.get("studies/{study}/instances") { request, context in
            try await search(request, context, .instance, study: context.parameters.require("study"))
        }
        web.get("studies/{study}/series/{series}/instances") { request, context in
            try await search(request, context, .instance, study: context.parameters.require("study"),
                             series: context.parameters.require("series"))
        }
        // WADO-RS (PS3.18 10.4)
        web.get("studies/{study}") { request, context in try await retrieve(request, context, try scope(context)) }
        web.get("studies/{study}/series/{series}") { request, context in try await retrieve(request, context, try scope(context)) }
        web.get("studies/{study}/series/{series}/instances/{instance}") { request, context in
            try await retrieve(request, context, try scope(context))
        }
        web.get("studies/{study}/metadata") { request, context in try await metadata(request, context, try scope(context)) }
        web.get("studies/{study}/series/{series}/metadata") { request, context in
            try await metadata(request, context, try scope(context))
        }
        web.get("studies/{study}/series/{series}/instances/{instance}/metadata") { request, context in
            try await metadata(request, context, try scope(context))
        }
        web.get("studies/{study}/series/{series}/instances/{instance}/rendered") { request, context in
            try await rendered(request, context, try scope(context))
        }
        web.get("studies/{study}/series/{series}/instances/{instance}/bulkdata/{tag}") { request, context in
            try await bulkData(request, context, try scope(context), tag: context.parameters.require("tag"))
        }
        // STOW-RS (PS3.18 10.5)
        web.post("studies") { request, context in try await store(request, context, study: nil) }
        web.post("studies/{study}") { request, context in
            try await store(request, context, study: context.parameters.require("study"))
        }
    }

    /// The study / series / instance a WADO-RS path names.
    func scope(_ context: GatewayRequestContext) throws -> DICOMwebScope {
        DICOMwebScope(study: try context.parameters.require("study"), series: context.parameters.get("series"),
                      instance: context.parameters.get("instance"))
    }

    /// `http://host:port/dicomweb`: the base of Retrieve URLs and BulkDataURIs (absolute,
    /// PS3.18 F.2.6). Behind a proxy from `X-Forwarded-Proto` / `X-Forwarded-Host`; otherwise
    /// from `Host` — and when `Host` names no port (dicomweb-client 0.61 drops it) the port the
    /// request arrived on is added unless it is the scheme's default.
    func baseURL(_ request: Request, _ context: GatewayRequestContext) -> String {
        let forwardedHost = request.headers[.init("X-Forwarded-Host")!]?.split(separator: ",").first
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let scheme = request.headers[.init("X-Forwarded-Proto")!]?.split(separator: ",").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? request.head.scheme ?? "http"
        if let forwardedHost, !forwardedHost.isEmpty { return "\(scheme)://\(forwardedHost)/dicomweb" }
        var host = request.head.authority ?? "\(gateway.config.host):\(gateway.config.httpPort)"
        let hasPort = host.hasPrefix("[") ? host.range(of: #"\]:\d+$"#, options: .regularExpression) != nil
            : host.contains(":")
        if !hasPort, let port = context.localPort, port != (scheme == "https" ? 443 : 80) { host += ":\(port)" }
        return "\(scheme)://\(host)/dicomweb"
    }

    /// The negotiated representation, or 406 (PG-5012) naming what can be produced.
    func negotiate(_ request: Request, _ offers: [MediaType]) throws -> AcceptHeader.Choice {
        guard let choice = AcceptHeader(request.headers[.accept]).choose(from: offers) else {
            throw PGError(.notAcceptable, "none of the accepted media types can be produced here; this resource offers "
                + offers.map(\.description).joined(separator: ", "))
        }
        return choice
    }
}
