import Foundation
@testable import Gateway
import PhotoGateCore
import Storage
import Testing

struct PrincipalCacheTests {
    let alice = Principal(tokenID: "t1", name: "alice", role: .clinician)

    @Test func anEntryLastsItsLifetimeOnly() {
        let cache = PrincipalCache()
        let now = Date()
        cache.remember(alice, hash: "h1", now: now)
        #expect(cache.principal(hash: "h1", now: now + 0.5) == alice)
        #expect(cache.principal(hash: "h1", now: now + PrincipalCache.lifetime) == nil)
        #expect(cache.principal(hash: "h2", now: now) == nil)
        // A clock that went back does not stretch an entry's life.
        #expect(cache.principal(hash: "h1", now: now - 10) == nil)
    }

    @Test func itHoldsAtMostItsCapacity() {
        let cache = PrincipalCache()
        let now = Date()
        for n in 0..<PrincipalCache.capacity { cache.remember(alice, hash: "h\(n)", now: now) }
        #expect(cache.principal(hash: "h0", now: now) == alice)
        cache.remember(alice, hash: "one-more", now: now)
        #expect(cache.principal(hash: "h0", now: now) == nil)
        #expect(cache.principal(hash: "one-more", now: now) == alice)
    }
}
