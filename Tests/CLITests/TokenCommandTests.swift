import Foundation
import Testing
import TestSupport

/// `photogate token list` and `token revoke` against a running gateway.
struct TokenCommandTests {
    @Test func aRevokedTokenIsRefusedByTheRunningGatewayWithinASecond() async throws {
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        let clinician = try server.token(role: "clinician", name: "ward-7-pc")
        let privacy = try server.token(role: "privacy-officer", name: "dpo")
        let http = HTTP(base: server.baseURL)
        #expect(try await http.call("GET", "/api/assets", token: clinician).status == 200)

        // The list names tokens, never their secrets.
        let list = try Tool.run(Tool.photogate, ["token", "list", "--data-dir", server.dataDir])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(!list.stdout.contains(clinician) && !list.stdout.contains(privacy))
        let row = try #require(list.stdout.split(separator: "\n").first { $0.contains("\tward-7-pc\t") })
        let id = String(row.split(separator: "\t")[0])
        #expect(row.hasSuffix("\t-"))

        let revoke = try Tool.run(Tool.photogate, ["token", "revoke", id, "--data-dir", server.dataDir])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        try await Task.sleep(for: .milliseconds(1_100))
        #expect(try await http.call("GET", "/api/assets", token: clinician).status == 401)
        #expect(try await http.call("GET", "/api/audit", token: privacy).status == 200)

        let after = try Tool.run(Tool.photogate, ["token", "list", "--data-dir", server.dataDir]).stdout
        let revokedRow = try #require(after.split(separator: "\n").first { $0.hasPrefix(id) })
        #expect(!revokedRow.hasSuffix("\t-"))
        let (_, audit) = try await http.json("GET", "/api/audit?limit=50", token: privacy)
        #expect("\(audit ?? "")".contains("token.revoke"))

        let unknown = try Tool.run(Tool.photogate, ["token", "revoke", "no-such-id", "--data-dir", server.dataDir])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no token with id no-such-id"))
    }
}
