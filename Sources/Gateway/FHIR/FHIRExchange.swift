import FHIR
import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore
import Storage

/// What one FHIR request asks for besides its interaction: the response format (FHIR R4
/// http.html#mime-type: `_format` wins over `Accept`; JSON when neither names a FHIR
/// format), the `Prefer: return=` preference (http.html#ops), and the base URL for
/// `fullUrl` and `Location`.
struct FHIRExchange: Sendable {
    enum Return: Sendable { case minimal, representation, operationOutcome }

    var format: FHIRFormat
    var prefer: Return
    var base: String

    init(_ request: Request, defaultHost: String) throws {
        format = try Self.responseFormat(request)
        let preference = request.headers[.init("Prefer")!] ?? ""
        prefer = .representation
        for part in preference.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch part.lowercased() {
            case "return=minimal": prefer = .minimal
            case "return=operationoutcome": prefer = .operationOutcome
            default: break
            }
        }
        let host = request.head.authority ?? defaultHost
        base = "http://\(host)/fhir"
    }

    /// `_format` (json, xml or a MIME type), else the first FHIR format in `Accept`, else JSON.
    static func responseFormat(_ request: Request) throws -> FHIRFormat {
        if let value = request.uri.queryParameters.get("_format"), !value.isEmpty {
            guard let format = FHIRFormat(mediaType: value) else {
                throw FHIRFailure(400, .notSupported, "_format '\(value)' is not supported (json, xml, application/fhir+json, application/fhir+xml)")
            }
            return format
        }
        let accept = request.headers[.accept] ?? ""
        for item in accept.split(separator: ",") {
            if let format = FHIRFormat(mediaType: String(item)) { return format }
        }
        return .json
    }

    /// The resource in the body, in the format of `Content-Type` (415 for anything else;
    /// 413 beyond `limit`; 400 with every issue when it does not parse).
    static func body(_ request: inout Request, limit: Int) async throws -> FHIRResource {
        let type = request.headers[.contentType] ?? ""
        guard let format = FHIRFormat(mediaType: type) else {
            throw FHIRFailure(415, .notSupported, "send the resource as application/fhir+json or application/fhir+xml (got '\(type)')")
        }
        let bytes = try await request.bytes(limit: limit)
        return try format.decode(Data(bytes.readableBytesView), limits: FHIRDecodingLimits(maxBytes: limit))
    }

    /// The resource in the response format.
    func respond(_ resource: FHIRResource, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data: Data
        do { data = try format.encode(resource) } catch {
            return respond(FHIRFailure(500, .exception, "cannot write the resource: \(error)"))
        }
        return Self.response(data, format: format, status: status, headers: headers)
    }

    /// Stored JSON, written as it is (JSON) or converted (XML).
    func respond(storedJSON json: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        if format == .json { return Self.response(Data(json.utf8), format: .json, status: status, headers: headers) }
        do { return respond(try FHIRJSON.decode(Data(json.utf8)), status: status, headers: headers) } catch {
            return respond(FHIRFailure(500, .exception, "a stored resource cannot be read: \(error)"))
        }
    }

    func respond(_ failure: FHIRFailure) -> Response {
        Self.failure(failure, format: format)
    }

    static func failure(_ failure: FHIRFailure, format: FHIRFormat) -> Response {
        let data = (try? format.encode(.operationOutcome(failure.outcome))) ?? FHIRJSON.encode(.operationOutcome(failure.outcome))
        return response(data, format: format, status: failure.status, headers: [:])
    }

    static func response(_ data: Data, format: FHIRFormat, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var h = headers
        h[.contentType] = format.mediaType + "; charset=utf-8"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// ETag, Last-Modified and (on create) Location of a stored version (http.html#versioning).
    func versionHeaders(_ v: FHIRStoredVersion, location: Bool) -> HTTPFields {
        var h: HTTPFields = [.eTag: "W/\"\(v.versionId)\"", .lastModified: Self.httpDate(v.lastUpdated)]
        if location { h[.location] = "\(base)/\(v.type)/\(v.id)/_history/\(v.versionId)" }
        return h
    }

    /// RFC 7231 IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ date: Date) -> String {
        var seconds = time_t(Int64(date.timeIntervalSince1970.rounded(.down)))
        var t = tm()
        gmtime_r(&seconds, &t)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(t.tm_wday)]), \(two(t.tm_mday)) \(months[Int(t.tm_mon)]) \(Int(t.tm_year) + 1900) "
            + "\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)) GMT"
    }

    /// The version an `If-Match` header names (`W/"3"`, `"3"` or `3`); nil without the header.
    static func ifMatch(_ request: Request) throws -> Int? {
        guard let raw = request.headers[.ifMatch] else { return nil }
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let n = Int(text), n > 0 else { throw FHIRFailure(400, .invalid, "If-Match '\(raw)' is not a version ETag such as W/\"1\"") }
        return n
    }
}
