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
        let bytes = FHIRServer.stampedBytes(resource, id: marks[0].0, versionId: marks[1].0, at: at)
        length = bytes.count
        // Both marks start with "pgstamp" + token and differ in their last byte.
        let prefix = Array(marks[0].0.utf8.dropLast())
        var pieces: [Piece] = []
        var start = 0
        var i = 0
        while i + prefix.count < bytes.count {
            if bytes[i] == prefix[0], bytes[i..<i + prefix.count].elementsEqual(prefix),
               let piece = [UInt8(ascii: "i"): Piece.id, UInt8(ascii: "v"): Piece.versionId][bytes[i + prefix.count]] {
                pieces.append(.text(String(decoding: bytes[start..<i], as: UTF8.self)))
                pieces.append(piece)
                i += prefix.count + 1
                start = i
            } else {
                i += 1
            }
        }
        pieces.append(.text(String(decoding: bytes[start...], as: UTF8.self)))
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
