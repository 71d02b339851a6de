import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Storage
import Testing

struct ExpirySchedulerTests {
    func count(_ t: TestGateway, _ type: EventType) throws -> Int {
        try t.gateway.database.reader.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event WHERE type = ?", arguments: [type.rawValue]) ?? 0
        }
    }

    @Test func raisesExpiringAndExpiredExactlyOnceEvenAfterARestart() async throws {
        let t = try TestGateway()   // clock starts 2027-01-15T08:00Z
        try await t.test { client in
            _ = try await client.upload(t)
            _ = try await client.send(t, .post, "/api/consents", as: .integration, json: """
                {"id":"c-2","patient":"urn:oid:1.2.3|MRN1","status":"active","channels":["website"],"end":"2027-03-01T00:00:00Z"}
                """)
        }
        #expect(try await t.gateway.expiryTick() == 0)            // 45 days before the end: nothing due
        t.clock.advance(20 * 86_400)                               // 25 days before: inside the 30-day lead
        #expect(try await t.gateway.expiryTick() == 1)
        #expect(try await t.gateway.expiryTick() == 0)
        #expect(try count(t, .consentExpiring) == 1)

        // a restart (new process on the same data directory) raises nothing again
        let reopened = try Gateway(config: t.gateway.config, environment: [:], clock: { t.clock.read() })
        #expect(try await reopened.expiryTick() == 0)

        t.clock.advance(30 * 86_400)                               // past the end
        #expect(try await reopened.expiryTick() == 1)
        #expect(try await t.gateway.expiryTick() == 0)
        #expect(try count(t, .consentExpired) == 1)
        #expect(try count(t, .assetBlocked) == 1)
    }

    @Test func aConsentFoundAlreadyExpiredGetsNoLateWarning() async throws {
        let t = try TestGateway()
        try await t.test { client in
            _ = try await client.upload(t)
            _ = try await client.send(t, .post, "/api/consents", as: .integration, json: """
                {"patient":"urn:oid:1.2.3|MRN1","status":"active","channels":["website"],"start":"2026-01-01T00:00:00Z","end":"2027-01-01T00:00:00Z"}
                """)
        }
        #expect(try await t.gateway.expiryTick() == 1)
        #expect(try count(t, .consentExpired) == 1)
        #expect(try count(t, .consentExpiring) == 0)
    }

    @Test func renewingAConsentWarnsAgainForTheNewEnd() async throws {
        let t = try TestGateway()
        try await t.test { client in
            _ = try await client.upload(t)
            for end in ["2027-02-01T00:00:00Z", "2028-02-01T00:00:00Z"] {
                _ = try await client.send(t, .post, "/api/consents", as: .integration, json: """
                    {"id":"c-3","patient":"urn:oid:1.2.3|MRN1","status":"active","channels":["website"],"end":"\(end)"}
                    """)
                if end.hasPrefix("2027") { #expect(try await t.gateway.expiryTick() == 1) }
            }
        }
        t.clock.advance(360 * 86_400)
        #expect(try await t.gateway.expiryTick() == 1)
        #expect(try count(t, .consentExpiring) == 2)
    }
}
