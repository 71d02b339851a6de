import FHIR
import Foundation
import Hummingbird
import Storage

/// The Bundles and query values the routes share: search pages, histories, `_count`.
extension FHIRRoutes {
    static func intParameter(_ query: [(String, String)], _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = query.last(where: { $0.0 == name })?.1 else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw FHIRFailure(400, .invalid, "\(name) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    static func decode(_ v: FHIRStoredVersion) throws -> FHIRResource {
        do { return try FHIRJSON.decode(Data((v.json ?? "").utf8)) } catch {
            throw FHIRFailure(500, .exception, "stored \(v.type)/\(v.id) version \(v.versionId) cannot be read: \(error)")
        }
    }

    /// A `searchset` Bundle with `self`, `next` and `previous` links (http.html#paging).
    static func searchBundle(type: String, query: [(String, String)], total: Int, matches: [FHIRStoredVersion], count: Int,
                             offset: Int, exchange: FHIRExchange) throws -> FHIR.Bundle {
        searchBundle(type: type, query: query, total: total, matches: try matches.map { ($0.id, try decode($0)) }, count: count,
                     offset: offset, exchange: exchange)
    }

    /// A `searchset` Bundle of resources with their ids.
    static func searchBundle(type: String, query: [(String, String)], total: Int, matches: [(id: String, resource: FHIRResource)],
                             count: Int, offset: Int, exchange: FHIRExchange) -> FHIR.Bundle {
        let kept = query.filter { !["_count", "_offset"].contains($0.0) }
        func url(_ offset: Int) -> String {
            var items = URLComponents()
            items.queryItems = kept.map { URLQueryItem(name: $0.0, value: $0.1) }
                + [URLQueryItem(name: "_count", value: String(count)), URLQueryItem(name: "_offset", value: String(offset))]
            let q = (items.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
            return "\(exchange.base)/\(type)?\(q)"
        }
        var links = [FHIR.Bundle.Link("self", url(offset))]
        if count > 0, offset + count < total { links.append(.init("next", url(offset + count))) }
        if count > 0, offset > 0 { links.append(.init("previous", url(max(0, offset - count)))) }
        return .searchset(id: UUID().uuidString.lowercased(), total: total, links: links,
                          matches: matches.map { (fullUrl: "\(exchange.base)/\(type)/\($0.id)", resource: $0.resource) })
    }

    /// A `history` Bundle, newest first (http.html#history): each entry with its request and
    /// response; a delete has no resource.
    static func historyBundle(_ versions: [FHIRStoredVersion], exchange: FHIRExchange) throws -> FHIR.Bundle {
        let entries = try versions.map { v in
            FHIR.Bundle.Entry(
                fullUrl: "\(exchange.base)/\(v.type)/\(v.id)",
                resource: v.deleted ? nil : try decode(v),
                request: .init(method: HTTPVerb(rawValue: v.method) ?? .put, url: v.method == "POST" ? v.type : "\(v.type)/\(v.id)"),
                response: .init(status: v.method == "POST" ? "201 Created" : v.deleted ? "204 No Content" : "200 OK",
                                 etag: "W/\"\(v.versionId)\"", lastModified: FHIRTemporal.instant(v.lastUpdated)))
        }
        return FHIR.Bundle(id: UUID().uuidString.lowercased(), type: .history, timestamp: FHIRTemporal.instant(Date()),
                           total: versions.count, entry: entries)
    }
}
