import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import Storage
import Testing

struct AuthTests {
    @Test func everyRouteButHealthNeedsAToken() async throws {
        let t = try TestGateway()
        try await t.test { client in
            for uri in ["/api/assets", "/api/events", "/api/review", "/metrics", "/api/audit"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri)")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"photogate\"")
                    #expect((try? jsonObject(response.body))?["code"] as? String == "PG-5001")
                }
            }
            try await client.execute(uri: "/api/assets", method: .get, headers: [.authorization: "Bearer pg_nonsense"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status != .unauthorized)
            }
        }
        let failures = try await t.gateway.database.reader.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit WHERE action = 'auth.unauthenticated'")
        }
        #expect(failures == 6)
    }

    @Test func aWrongRoleIsForbiddenAndAudited() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let asset = try await client.upload(t)
            let id = asset["id"] as! String
            // uploaders upload only; integration engines never see image bytes
            for (role, uri) in [(Role.uploader, "/api/assets/\(id)"), (.integration, "/api/assets/\(id)/original"),
                                (.communications, "/api/assets/\(id)/original"), (.clinician, "/api/assets/\(id)/rendition?channel=website"),
                                (.uploader, "/api/audit")] {
                let (status, body) = try await client.send(t, .get, uri, as: role)
                #expect(status == .forbidden, "\(role) \(uri)")
                #expect((body as? [String: Any])?["code"] as? String == "PG-5002")
            }
        }
        let denied = try await t.gateway.database.reader.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit WHERE action = 'auth.forbidden'")
        }
        #expect(denied == 5)
    }

    @Test func tokensAreStoredOnlyAsHashes() throws {
        let t = try TestGateway()
        let stored = try t.gateway.database.reader.read { try String.fetchAll($0, sql: "SELECT hash FROM token") }
        for token in t.tokens.values {
            #expect(!stored.contains(token))
            #expect(stored.contains(TokenStore.hash(token)))
        }
    }

    @Test func aTokenRevokedInTheDatabaseStopsWorkingWithinASecond() async throws {
        let t = try TestGateway()
        try await t.test { client in
            try await client.execute(uri: "/api/assets", method: .get, headers: t.headers(.clinician)) {
                #expect($0.status == .ok)
            }
            let hash = TokenStore.hash(t.tokens[.clinician]!)
            try await t.gateway.database.writer.write {
                try $0.execute(sql: "UPDATE token SET revokedAt = ? WHERE hash = ?", arguments: [Date(), hash])
            }
            try await Task.sleep(for: .milliseconds(1_100))
            try await client.execute(uri: "/api/assets", method: .get, headers: t.headers(.clinician)) {
                #expect($0.status == .unauthorized)
            }
            // Other tokens are unaffected.
            try await client.execute(uri: "/api/assets", method: .get, headers: t.headers(.communications)) {
                #expect($0.status == .ok)
            }
        }
    }
}
