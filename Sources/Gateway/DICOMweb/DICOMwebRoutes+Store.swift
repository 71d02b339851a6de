import DICOMweb
import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore

extension DICOMwebRoutes {
    /// STOW-RS (PS3.18 10.5): `multipart/related; type="application/dicom"` (each part a Part 10
    /// object, ingested as a C-STORE is) or `type="application/dicom+json"` (metadata data sets
    /// whose Pixel Data is a BulkDataURI naming a JPEG part's Content-Location, or InlineBinary:
    /// each becomes a VL Photographic Image). The body is parsed as it arrives, parts go to
    /// scratch files, each limited (PG-5004, 413); a malformed body is 400, another media type
    /// 415. Every stored instance is durable before the answer: 200 all stored, 202 some, 409
    /// none (PS3.18 Table 10.5.3-1), with the Store Instances Response (PS3.18 I).
    func store(_ request: Request, _ context: GatewayRequestContext, study: String?) async throws -> Response {
        let who = try await context.require(Self.storeRoles, gateway: gateway, action: "store DICOM objects (STOW-RS)")
        guard let contentType = request.headers[.contentType].flatMap(MediaType.init),
              contentType.essence == "multipart/related" else {
            throw PGError(.unsupportedMediaType, "send multipart/related; type=\"application/dicom\" or "
                + "type=\"application/dicom+json\" (PS3.18 10.5.1.2)")
        }
        let root = contentType.parameter("type").flatMap(MediaType.init)
        if let root, ![MediaType.dicom.essence, MediaType.dicomJSON.essence, MediaType.json.essence].contains(root.essence) {
            throw PGError(.unsupportedMediaType, "multipart/related type \(root.essence) is not supported; use "
                + "application/dicom or application/dicom+json")
        }
        _ = try negotiate(request, [.dicomJSON, .json])
        let config = gateway.config
        let limits = MultipartLimits(maxBodyBytes: config.maxUploadBytes,
                                     maxPartBytes: min(config.maxUploadBytes, config.dicom.maxObjectBytes),
                                     maxParts: 1000, maxHeaderBytes: 16 << 10)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.maxBodyBytes {
            throw PGError(.payloadTooLarge, "the request body is \(length) bytes; the limit is \(limits.maxBodyBytes) (maxUploadBytes)")
        }
        let parts = try await receive(request.body, contentType: contentType, limits: limits)
        defer { for part in parts { unlink(part.path) } }
        let response = try await gateway.dicomwebStore(parts, root: root, study: study, base: baseURL(request, context), by: who)
        return Response(status: .init(code: response.httpStatus), headers: [.contentType: MediaType.dicomJSON.essence],
                        body: .init(byteBuffer: ByteBuffer(bytes: DICOMJSONEncoder.encode(response.dataSet))))
    }

    /// Parses the body as it arrives and writes each part's body to a scratch file.
    func receive(_ body: RequestBody, contentType: MediaType, limits: MultipartLimits) async throws -> [StowPart] {
        var parser: MultipartParser
        do { parser = try MultipartParser(contentType: contentType, limits: limits) } catch {
            throw PGError(.badRequest, "the multipart/related Content-Type has no valid boundary parameter")
        }
        var parts: [StowPart] = []
        var file: FileHandle?
        do {
            defer { try? file?.close() }
            func handle(_ events: [MultipartEvent]) throws {
                for event in events {
                    switch event {
                    case .headers(let headers):
                        let path = gateway.scratchPath("stow")
                        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                              let handle = FileHandle(forWritingAtPath: path) else {
                            throw PGError(.outputWriteFailed, "cannot create a scratch file for a STOW-RS part")
                        }
                        file = handle
                        parts.append(StowPart(headers: headers, path: path, size: 0))
                    case .body(let bytes):
                        try file?.write(contentsOf: bytes)
                        parts[parts.count - 1].size += bytes.count
                    case .end:
                        try file?.close()
                        file = nil
                    }
                }
            }
            for try await buffer in body {
                try handle(try parser.feed(buffer.readableBytesView))
            }
            try parser.finish()
            return parts
        } catch {
            for part in parts { unlink(part.path) }
            throw Self.pgError(error)
        }
    }

    /// Multipart errors as registry errors: limits 413, syntax 400.
    static func pgError(_ error: any Error) -> any Error {
        guard let e = error as? MultipartParser.DecodingError else { return error }
        switch e {
        case .bodyTooLarge(let limit): return PGError(.payloadTooLarge, "the request body is larger than \(limit) bytes (maxUploadBytes)")
        case .partTooLarge(let limit): return PGError(.payloadTooLarge, "a part is larger than \(limit) bytes")
        case .tooManyParts(let limit): return PGError(.payloadTooLarge, "more than \(limit) parts")
        case .headersTooLarge(let limit): return PGError(.payloadTooLarge, "a part's headers are larger than \(limit) bytes")
        case .invalidBoundary: return PGError(.badRequest, "the multipart boundary is not valid (RFC 2046 5.1.1)")
        case .truncated: return PGError(.badRequest, "malformed multipart body: it ends before the close delimiter")
        case .malformed(let why): return PGError(.badRequest, "malformed multipart body: \(why)")
        }
    }
}
