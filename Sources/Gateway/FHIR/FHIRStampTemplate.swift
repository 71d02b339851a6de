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
    private let json: String
    private let idMark: String
    private let versionMark: String

    init(_ resource: FHIRResource, at: Date) {
        var random = SystemRandomNumberGenerator()
        let token = String(random.next() as UInt64, radix: 36) + String(random.next() as UInt64, radix: 36)
        idMark = "pgstamp" + token + "i"
        versionMark = "pgstamp" + token + "v"
        self.at = at
        json = FHIRServer.stamped(resource, id: idMark, versionId: versionMark, at: at)
    }

    /// The JSON of version `versionId` of resource `id`.
    func render(id: String, versionId: Int) -> String {
        json.replacingOccurrences(of: idMark, with: id).replacingOccurrences(of: versionMark, with: String(versionId))
    }

    /// This template for a new version after `current`, or nil when a version was stored
    /// after the template's time (then the writer stamps with its own clock, so
    /// `lastUpdated` never goes backwards in a resource's history).
    func usable(after current: Date?) -> FHIRStampTemplate? {
        guard let current else { return self }
        return current <= at ? self : nil
    }
}
