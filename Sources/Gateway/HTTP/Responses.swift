import Foundation
import Hummingbird
import NIOCore
import PhotoGateCore

/// Small helpers shared by the route files.
enum Reply {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "application/json"
        return Response(status: status, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: JSON.encode(value))))
    }

    static func bytes(_ bytes: [UInt8], contentType: String, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = contentType
        h[.cacheControl] = "no-store"
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Request {
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    func intQuery(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw PGError(.badRequest, "\(name) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    func identifierQuery(_ name: String) throws -> Identifier? {
        guard let text = query(name) else { return nil }
        guard let id = Identifier(token: text) else { throw PGError(.badRequest, "\(name) must be system|value") }
        return id
    }

    func dateQuery(_ name: String) throws -> Date? {
        guard let text = query(name) else { return nil }
        guard let date = JSON.parseDate(text) else {
            throw PGError(.badRequest, "\(name) '\(text)' is not an ISO 8601 date-time")
        }
        return date
    }

    /// The body, refused with 413 beyond `limit` (checked against Content-Length first).
    mutating func bytes(limit: Int) async throws -> ByteBuffer {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw PGError(.payloadTooLarge, "the request body is \(length) bytes; the limit is \(limit)")
        }
        do {
            return try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw PGError(.payloadTooLarge, "the request body is larger than the limit of \(limit) bytes")
        }
    }

    /// A JSON body of type `T` (requires `application/json`).
    mutating func json<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let contentType = headers[.contentType] ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw PGError(.unsupportedMediaType, "send the body as application/json")
        }
        return try JSON.decode(type, from: try await bytes(limit: limit))
    }
}
