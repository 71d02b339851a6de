import DICOM
import DICOMweb
import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore

extension DICOMwebRoutes {
    /// WADO-RS instances (PS3.18 10.4.1.1.1): `multipart/related; type="application/dicom"`,
    /// one part per instance in its stored transfer syntax (objects are never transcoded: a
    /// `transfer-syntax` the objects are not in is 406). Streamed part by part.
    func retrieve(_ request: Request, _ context: GatewayRequestContext, _ scope: DICOMwebScope) async throws -> Response {
        let who = try await context.require(Self.pixelRoles, gateway: gateway, action: "retrieve DICOM objects (WADO-RS)")
        let choice = try negotiate(request, [.multipartRelated(type: .dicom)])
        let objects = try await gateway.dicomwebObjects(scope, action: "asset.read-dicom", via: "wado-rs", by: who)
        if let ts = choice.transferSyntax, ts != "*",
           let other = objects.first(where: { $0.instance.transferSyntaxUID != ts }) {
            throw PGError(.notAcceptable, "instance \(other.instance.sopInstanceUID) is stored in transfer syntax "
                + "\(other.instance.transferSyntaxUID) and is not transcoded; ask for it, or for transfer-syntax=*")
        }
        let base = baseURL(request, context)
        let writer = MultipartWriter()
        let g = gateway
        let body = ResponseBody { out in
            var parts = writer
            for object in objects {
                let path = try g.exportDicom(object)
                defer { unlink(path) }
                let i = object.instance
                try await out.write(ByteBuffer(bytes: parts.partHead([
                    ("Content-Type", "application/dicom; transfer-syntax=\(i.transferSyntaxUID)"),
                    ("Content-Location", DICOMwebScope.url(base, study: i.studyInstanceUID, series: i.seriesInstanceUID,
                                                            instance: i.sopInstanceUID)),
                ])))
                guard let file = FileHandle(forReadingAtPath: path) else { throw PGError(.internalError, "cannot read an exported object") }
                defer { try? file.close() }
                while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {
                    try await out.write(ByteBuffer(bytes: chunk))
                }
            }
            try await out.write(ByteBuffer(bytes: parts.close()))
            try await out.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: writer.contentType(partType: .dicom), .cacheControl: "no-store"],
                        body: body)
    }

    /// WADO-RS metadata (PS3.18 10.4.1.1.2): DICOM JSON, one data set per instance, bulk data
    /// by URI (never inline pixels).
    func metadata(_ request: Request, _ context: GatewayRequestContext, _ scope: DICOMwebScope) async throws -> Response {
        let who = try await context.require(Self.metadataRoles, gateway: gateway, action: "read DICOM metadata (WADO-RS)")
        _ = try negotiate(request, [.dicomJSON, .json])
        let objects = try await gateway.dicomwebObjects(scope, action: "asset.read-metadata", via: "wado-rs", by: who)
        let base = baseURL(request, context)
        var dataSets: [DICOMJSONDataSet] = []
        for object in objects {
            let i = object.instance
            dataSets.append(try await gateway.dicomwebMetadata(object, instanceURL: DICOMwebScope.url(
                base, study: i.studyInstanceUID, series: i.seriesInstanceUID, instance: i.sopInstanceUID)))
        }
        return Response(status: .ok, headers: [.contentType: MediaType.dicomJSON.essence, .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: DICOMJSONEncoder.encode(dataSets))))
    }

    /// WADO-RS rendered instance (PS3.18 10.4.1.1.3): `image/jpeg`; `quality` (1–100) is used
    /// when pixels have to be encoded, the other rendering parameters are not supported.
    func rendered(_ request: Request, _ context: GatewayRequestContext, _ scope: DICOMwebScope) async throws -> Response {
        let who = try await context.require(Self.pixelRoles, gateway: gateway, action: "retrieve rendered images (WADO-RS)")
        _ = try negotiate(request, [.jpeg])
        let quality = try request.intQuery("quality", default: 90, range: 1...100)
        let objects = try await gateway.dicomwebObjects(scope, action: "asset.read-rendered", via: "wado-rs", by: who)
        let jpeg = try await gateway.dicomwebRendered(objects[0], quality: quality)
        return Reply.bytes(jpeg, contentType: MediaType.jpeg.essence)
    }

    /// WADO-RS bulk data (PS3.18 10.4.1.1.5) of a top-level attribute, as the BulkDataURIs of
    /// the metadata name them: `multipart/related` with one part, `image/jpeg` for JPEG pixel
    /// data when accepted, otherwise `application/octet-stream` (the bytes as stored).
    func bulkData(_ request: Request, _ context: GatewayRequestContext, _ scope: DICOMwebScope, tag text: String)
        async throws -> Response
    {
        let who = try await context.require(Self.pixelRoles, gateway: gateway, action: "retrieve bulk data (WADO-RS)")
        guard let tag = DICOMTagText.parse(text) else { throw PGError(.notFound, "'\(text)' is not a bulk data tag (ggggeeee)") }
        let objects = try await gateway.dicomwebObjects(scope, action: "asset.read-bulkdata", via: "wado-rs", by: who)
        let object = objects[0]
        let jpeg = tag == 0x7FE0_0010 && ReceivedDicomObject.jpegTransferSyntaxes.contains(object.instance.transferSyntaxUID)
        let offers: [MediaType] = jpeg ? [.multipartRelated(type: .jpeg), .multipartRelated(type: .octetStream)]
            : [.multipartRelated(type: .octetStream)]
        let choice = try negotiate(request, offers)
        let partType = MediaType(choice.offer.parameter("type") ?? "") ?? .octetStream
        let bytes = try await gateway.dicomwebBulkData(object, tag: tag)
        let writer = MultipartWriter()
        let body = MultipartWriter.body([(headers: [("Content-Type", partType.essence)], body: bytes)], boundary: writer.boundary)
        return Response(status: .ok, headers: [.contentType: writer.contentType(partType: partType), .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
