import Foundation
import Storage

/// Principals of recently seen bearer tokens, keyed by the token's SHA-256 (the token itself
/// is never kept). Every request carries a token; reading its row each time was a database
/// read per request. A token's row is read again at most ``lifetime`` after it was last read,
/// so a token removed or revoked in the database stops working within that time. Unknown
/// tokens are not cached. At most ``capacity`` tokens are kept; past that the cache starts over.
final class PrincipalCache: @unchecked Sendable {
    static let lifetime: TimeInterval = 1
    static let capacity = 1_000

    private let lock = NSLock()
    private var entries: [String: (principal: Principal, readAt: Date)] = [:]

    /// The cached principal of the token with this hash, when read less than ``lifetime`` ago.
    func principal(hash: String, now: Date) -> Principal? {
        lock.withLock {
            guard let entry = entries[hash], now.timeIntervalSince(entry.readAt) < Self.lifetime,
                  now >= entry.readAt else { return nil }
            return entry.principal
        }
    }

    func remember(_ principal: Principal, hash: String, now: Date) {
        lock.withLock {
            if entries.count >= Self.capacity, entries[hash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (principal, now)
        }
    }
}
