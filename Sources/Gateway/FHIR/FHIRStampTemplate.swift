import FHIR
import Foundation

/// The stored JSON of a resource version, encoded before the store's writer runs: the id and
/// `meta.versionId` are known only inside the transaction, so they are written as placeholders
/// (a random token no client can guess) and filled in there — a string replacement of
/// microseconds instead of an encoding that took a quarter of a FHIR write's time on the
/// store's one writer.
struct FHIRStampTemplate: Sendable {
    /// `meta.lastUpdated` of the version.
    let at: Date
    /// The encoded JSON cut at the placeholders.
    private let pieces: [Piece]
    private let length: Int

    private enum Piece: Sendable {
        case text(String)
        case id
        case versionId
    }

    init(_ resource: FHIRResource, at: Date) {
        var random = SystemRandomNumberGenerator()
        let token = String(random.next() as UInt64, radix: 36) + String(random.next() as UInt64, radix: 36)
        let marks = [("pgstamp" + token + "i", Piece.id), ("pgstamp" + token + "v", Piece.versionId)]
        self.at = at
        let json = FHIRServer.stamped(resource, id: marks[0].0, versionId: marks[1].0, at: at)
        length = json.utf8.count
        var pieces: [Piece] = []
        var rest = json[...]
        while let (range, piece) = marks.compactMap({ mark, piece in rest.firstRange(of: mark).map { ($0, piece) } })
            .min(by: { $0.0.lowerBound < $1.0.lowerBound }) {
            pieces.append(.text(String(rest[..<range.lowerBound])))
            pieces.append(piece)
            rest = rest[range.upperBound...]
        }
        pieces.append(.text(String(rest)))
        self.pieces = pieces
    }

    /// The JSON of version `versionId` of resource `id`.
    func render(id: String, versionId: Int) -> String {
        var out = ""
        out.reserveCapacity(length + id.utf8.count)
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .id: out += id
            case .versionId: out += String(versionId)
            }
        }
        return out
    }

    /// This template for a new version after `current`, or nil when a version was stored
    /// after the template's time (then the writer stamps with its own clock, so
    /// `lastUpdated` never goes backwards in a resource's history).
    func usable(after current: Date?) -> FHIRStampTemplate? {
        guard let current else { return self }
        return current <= at ? self : nil
    }
}
