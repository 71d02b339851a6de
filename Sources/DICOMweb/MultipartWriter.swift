import Foundation

/// Writes a `multipart/related` body (RFC 2387, RFC 2046 5.1.1) part by part, so a response
/// can stream each part's body as it is read (PS3.18 8.6.1.2 WADO-RS responses):
///
/// ```
/// "--" boundary CRLF  headers CRLF  CRLF  body       <- each part (start)
/// CRLF "--" boundary "--" CRLF                        <- close
/// ```
///
/// Between parts the writer puts the CRLF that belongs to the next delimiter.
public struct MultipartWriter: Sendable {
    public let boundary: String
    private var parts = 0

    /// A writer with a random boundary that cannot occur in the parts (a UUID).
    public init(boundary: String = "photogate-" + UUID().uuidString.lowercased()) {
        self.boundary = boundary
    }

    /// The response's `Content-Type`: `multipart/related; type="…"; boundary=…`.
    public func contentType(partType: MediaType) -> String {
        var media = MediaType.multipartRelated(type: partType, boundary: boundary)
        // `type` must name the root part's media type essence; keep its transfer-syntax out.
        media.parameters[0].value = partType.essence
        return media.description
    }

    /// The bytes that open a part: the delimiter and the headers.
    public mutating func partHead(_ headers: [(name: String, value: String)]) -> [UInt8] {
        var text = parts == 0 ? "" : "\r\n"
        parts += 1
        text += "--\(boundary)\r\n"
        for h in headers { text += "\(h.name): \(h.value)\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// The close delimiter (a body with no part is only the close delimiter).
    public func close() -> [UInt8] {
        Array(((parts == 0 ? "" : "\r\n") + "--\(boundary)--\r\n").utf8)
    }

    /// A whole body from parts held in memory.
    public static func body(_ parts: [(headers: [(name: String, value: String)], body: [UInt8])], boundary: String)
        -> [UInt8]
    {
        var writer = MultipartWriter(boundary: boundary)
        var out: [UInt8] = []
        for part in parts {
            out += writer.partHead(part.headers)
            out += part.body
        }
        return out + writer.close()
    }
}
