import DICOMweb
import Foundation

/// One part of a STOW-RS request, received into a scratch file (never held whole in memory).
struct StowPart: Sendable {
    var headers: [(name: String, value: String)]
    var path: String
    var size: Int

    /// The part's media type; the request's `type` parameter when the part names none
    /// (RFC 2387 3.1).
    func mediaType(default root: MediaType?) -> MediaType? {
        headers.header("content-type").flatMap(MediaType.init) ?? root
    }

    /// `Content-Location`, which a BulkDataURI of the metadata refers to (PS3.18 10.5.1.2.2).
    var contentLocation: String? { headers.header("content-location") }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }
}
