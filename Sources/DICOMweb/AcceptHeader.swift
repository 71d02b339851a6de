import Foundation

/// An `Accept` header (RFC 9110 12.5.1) and the choice among the representations a resource
/// offers (PS3.18 8.7.1 content negotiation).
///
/// A media range matches an offer when its type and subtype cover the offer's and every
/// parameter it names other than `q` has the offer's value — except `transfer-syntax`,
/// which the caller judges (``Choice/transferSyntax``) because what it means depends on
/// the objects. `q=0` refuses. No header, or an empty one, accepts anything.
public struct AcceptHeader: Sendable {
    public struct Range: Sendable {
        public var mediaType: MediaType
        public var quality: Double
    }

    public private(set) var ranges: [Range]

    /// Parses the header; unparseable ranges are skipped (RFC 9110 leaves them to the server).
    public init(_ header: String?) {
        guard let header, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
            ranges = [Range(mediaType: MediaType(type: "*", subtype: "*"), quality: 1)]
            return
        }
        ranges = MediaType.splitOutsideQuotes(header, separator: ",").compactMap { text in
            guard var media = MediaType(text) else { return nil }
            var quality = 1.0
            if let q = media.parameter("q") {
                quality = Double(q).map { min(max($0, 0), 1) } ?? 1
                media.parameters.removeAll { $0.name == "q" }
            }
            return Range(mediaType: media, quality: quality)
        }
    }

    /// What was chosen: the offer, and the transfer syntax the client asked for with it
    /// (nil = not named, `*` = any).
    public struct Choice: Sendable, Equatable {
        public var offer: MediaType
        public var transferSyntax: String?
    }

    /// The acceptable offer with the highest quality (the first offer on a tie, so offers
    /// are listed in the server's preference); nil when none is acceptable (406).
    public func choose(from offers: [MediaType]) -> Choice? {
        var best: (choice: Choice, quality: Double, specificity: Int)?
        for offer in offers {
            var match: (quality: Double, specificity: Int, ts: String?)?
            for range in ranges where Self.matches(range.mediaType, offer) {
                let specificity = (range.mediaType.type == "*" ? 0 : 1) + (range.mediaType.subtype == "*" ? 0 : 1)
                    + range.mediaType.parameters.count
                if match == nil || specificity > match!.specificity {
                    match = (range.quality, specificity, range.mediaType.parameter("transfer-syntax"))
                }
            }
            guard let m = match, m.quality > 0 else { continue }
            if best == nil || m.quality > best!.quality {
                best = (Choice(offer: offer, transferSyntax: m.ts), m.quality, m.specificity)
            }
        }
        return best?.choice
    }

    static func matches(_ range: MediaType, _ offer: MediaType) -> Bool {
        guard range.covers(offer) else { return false }
        for p in range.parameters where p.name != "transfer-syntax" && p.name != "charset" {
            guard let value = offer.parameter(p.name), value.lowercased() == p.value.lowercased() else {
                // multipart/related without `type` in the offer never matches a typed range, and
                // a typed range only matches the same type.
                return false
            }
        }
        return true
    }
}
