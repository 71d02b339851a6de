import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore

/// A ``PGError`` on HTTP: the status from the error registry and `{"code", "message"}`.
struct APIError: HTTPResponseError {
    let error: PGError
    /// Extra JSON fields (e.g. the denial reasons).
    var extra: [String: [String]] = [:]

    var status: HTTPResponse.Status { .init(code: error.code.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: JSONValueBox] = ["code": .string(error.code.id), "message": .string(error.message)]
        for (k, v) in extra { body[k] = .list(v) }
        var headers: HTTPFields = [.contentType: "application/json"]
        if error.code == .unauthenticated { headers[.wwwAuthenticate] = "Bearer realm=\"photogate\"" }
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: JSON.encode(body))))
    }

    /// Maps anything thrown by a route to a registry error.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as PublicationDenied:
            return APIError(error: e.error, extra: ["reasons": e.decision.reasons.map(\.rawValue)])
        case let e as PGError:
            return APIError(error: e)
        case is NIOTooManyBytesError: return APIError(error: PGError(.payloadTooLarge, "the request body is too large"))
        case let e as DecodingError: return APIError(error: PGError(.badRequest, "invalid JSON body: \(JSON.describe(e))"))
        case let e as HTTPError:
            let code: PGErrorCode = switch e.status.code {
            case 404: .notFound
            case 413: .payloadTooLarge
            case 415: .unsupportedMediaType
            case 401: .unauthenticated
            case 403: .forbidden
            case 400..<500: .badRequest
            default: .internalError
            }
            return APIError(error: PGError(code, e.body ?? e.status.reasonPhrase))
        default:
            return APIError(error: PGError(.internalError, "internal error"))
        }
    }
}

enum JSONValueBox: Encodable {
    case string(String)
    case list([String])

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        }
    }
}

/// The API's JSON conventions: ISO 8601 dates, sorted keys.
enum JSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(iso8601(date))
        }
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseDate(text) else {
                throw PGError(.badRequest, "'\(text)' is not an ISO 8601 date-time (e.g. 2026-11-22T10:00:00Z)")
            }
            return date
        }
        return try decoder.decode(type, from: Data(buffer.readableBytesView))
    }

    /// `2026-11-22T10:00:00.123Z` (UTC, milliseconds), without a formatter object per call.
    static func iso8601(_ date: Date) -> String { CivilDate.instant(date) }

    /// ISO 8601 with or without fractional seconds; a bare date means midnight UTC.
    static func parseDate(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withFullDate]
        return f.date(from: text)
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "wrong type at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case .dataCorrupted(let c):
            if let pg = c.underlyingError as? PGError { return pg.message }
            return c.codingPath.isEmpty ? "not JSON" : "bad value at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        @unknown default: return "cannot decode"
        }
    }
}
