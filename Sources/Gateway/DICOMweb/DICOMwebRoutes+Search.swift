import DICOM
import DICOMweb
import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore

extension DICOMwebRoutes {
    /// QIDO-RS (PS3.18 10.6): `application/dicom+json` results, 204 when nothing matches
    /// (PS3.18 Table 10.6.3-1), a `Warning` header (PS3.18 8.3.3.1) for unused parameters
    /// and for results left out by the page size.
    func search(_ request: Request, _ context: GatewayRequestContext, _ level: QIDOLevel, study: String? = nil,
                series: String? = nil) async throws -> Response {
        let who = try await context.require(Self.searchRoles, gateway: gateway, action: "search DICOM objects (QIDO-RS)")
        _ = try negotiate(request, [.dicomJSON, .json])
        let parameters = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let query: QIDOQuery
        do {
            query = try QIDOQuery(parameters, resolve: DicomToolkit.tag(keyword:), vr: DicomToolkit.vr,
                                  maxLimit: Self.maxResults)
        } catch QIDOQuery.ParseError.invalid(let why) {
            throw PGError(.badRequest, why)
        }
        let result = try await gateway.dicomwebSearch(query, level: level, study: study, series: series,
                                                     pageSize: Self.maxResults, base: baseURL(request, context), by: who)
        var headers: HTTPFields = [:]
        if !result.warnings.isEmpty {
            // RFC 7234 5.5 warn-code 299 ("miscellaneous persistent warning"), as PS3.18 8.3.3.1 uses it.
            headers[.init("Warning")!] = result.warnings.map { "299 PhotoGate \"\($0.replacingOccurrences(of: "\"", with: "'"))\"" }
                .joined(separator: ", ")
        }
        guard !result.dataSets.isEmpty else { return Response(status: .noContent, headers: headers) }
        headers[.contentType] = MediaType.dicomJSON.essence
        return Response(status: .ok, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: DICOMJSONEncoder.encode(result.dataSets))))
    }
}
