import FHIR
import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore
import Storage

/// `GET /fhir/Binary/{id}`: the bytes of a photo, under the core's rules (FHIR R4
/// binary.html). Three ids per asset:
///
/// | id | bytes | role | core path |
/// | --- | --- | --- | --- |
/// | `{asset}` | the original as received | `clinician` | `Gateway.assetBytes` (`asset.read-original`) |
/// | `{asset}.dicom` | the DICOM object | `clinician` | `Gateway.assetBytes` (`asset.read-dicom`) |
/// | `{asset}.{channel}` | the publication rendition | `communications` | `Gateway.rendition`: only when the consent decision allows the channel |
///
/// The answer is the raw bytes with their `Content-Type`, or a Binary resource (base64) when
/// the client asks for a FHIR format (`Accept` or `_format`). Every read is audited by the
/// core path; a read that fails before it (unknown asset) is audited here.
extension FHIRRoutes {
    enum BinaryKind: Equatable {
        case original, dicom
        case rendition(PhotoGateCore.Channel)
    }

    /// `{asset}`, `{asset}.dicom`, `{asset}.{channel}`.
    static func binaryTarget(_ id: String) -> (asset: String, kind: BinaryKind) {
        guard let dot = id.firstIndex(of: ".") else { return (id, .original) }
        let asset = String(id[..<dot]), suffix = String(id[id.index(after: dot)...])
        return (asset, suffix == "dicom" ? .dicom : .rendition(PhotoGateCore.Channel(rawValue: suffix)))
    }

    func addBinary(_ router: Router<GatewayRequestContext>, _ registry: inout FHIRRouteRegistry, _ server: FHIRServer) {
        let g = gateway
        registry.record(path: "/fhir/Binary/{id}", method: .get, type: "Binary", interaction: .read, versioned: false,
                        documentation: "Photo bytes: Binary/{asset} the original and Binary/{asset}.dicom the DICOM object (clinician); "
                            + "Binary/{asset}.{channel} the publication rendition, only when the consent decision allows the channel (communications).")
        route(router, .get, "/fhir/Binary/{id}", access: .any) { request, context, exchange, _ in
            let id = try context.parameters.require("id")
            let (asset, kind) = Self.binaryTarget(id)
            let who: Principal
            switch kind {
            case .original: who = try await context.require(.clinician, gateway: g, action: "read original photos")
            case .dicom: who = try await context.require(.clinician, gateway: g, action: "read DICOM objects")
            case .rendition: who = try await context.require(.communications, gateway: g, action: "download renditions")
            }
            let bytes: [UInt8], contentType: String
            do {
                switch kind {
                case .original, .dicom:
                    (bytes, contentType) = try await g.assetBytes(asset, dicom: kind == .dicom, by: who)
                case .rendition(let channel):
                    (bytes, contentType) = (try await g.rendition(asset, channel: channel, by: who), "image/jpeg")
                }
            } catch let e as PGError where [.notFound, .badRequest, .keyUnavailable].contains(e.code) {
                // The core audits what it reads or denies; this is what it refused before reading.
                await g.auditFailure(who, "fhir.read", asset: asset, outcome: e.code == .notFound ? "not-found" : "failed",
                                     detail: ["resource": "Binary/\(id)", "reason": e.message])
                if e.code == .keyUnavailable { throw e }
                throw FHIRFailure(404, .notFound, "Binary/\(id) is not known (\(e.message))")
            }
            if Self.wantsResource(request) {
                return exchange.respond(.binary(FHIR.Binary(id: id, contentType: contentType, data: Data(bytes).base64EncodedString())))
            }
            return Response(status: .ok, headers: [.contentType: contentType, .contentLength: String(bytes.count)],
                            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// The client asked for a FHIR format rather than the raw bytes (binary.html#rest).
    static func wantsResource(_ request: Request) -> Bool {
        if let f = request.uri.queryParameters.get("_format"), !f.isEmpty { return true }
        let accept = request.headers[.accept] ?? ""
        return accept.split(separator: ",").contains { FHIRFormat(mediaType: String($0)) != nil && $0.contains("fhir") }
    }
}
