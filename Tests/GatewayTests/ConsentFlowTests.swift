import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import Storage
import TestSupport
import Testing

/// Decision, rendition, publication and withdrawal through the API.
struct ConsentFlowTests {
    static let consentJSON = """
        {"id":"c-1","patient":"urn:oid:1.2.3|MRN1","status":"active","channels":["website","print"],
         "start":"2027-01-01T00:00:00Z","end":"2028-01-01T00:00:00Z"}
        """

    @Test func consentAllowsItsChannelsOnlyWithinItsPeriod() async throws {
        let t = try TestGateway()  // clock: 2027-01-15
        try await t.test { client in
            let id = try await client.upload(t)["id"] as! String
            let (before, b) = try await client.send(t, .get, "/api/assets/\(id)/decision?channel=website", as: .communications)
            #expect(before == .ok)
            #expect((b as? [String: Any])?["reasons"] as? [String] == ["no-consent"])
            let (created, _) = try await client.send(t, .post, "/api/consents", as: .integration, json: Self.consentJSON)
            #expect(created == .created)
            let (_, web) = try await client.send(t, .get, "/api/assets/\(id)/decision?channel=website", as: .communications)
            #expect((web as? [String: Any])?["allowed"] as? Bool == true)
            #expect((web as? [String: Any])?["consent"] as? String == "c-1")
            let (_, social) = try await client.send(t, .get, "/api/assets/\(id)/decision?channel=social-media", as: .communications)
            #expect((social as? [String: Any])?["reasons"] as? [String] == ["channel-not-permitted"])
            let (_, later) = try await client.send(t, .get, "/api/assets/\(id)/decision?channel=website&at=2028-02-01T00:00:00Z",
                                                   as: .communications)
            #expect((later as? [String: Any])?["reasons"] as? [String] == ["consent-expired"])
            let (_, detail) = try await client.send(t, .get, "/api/assets/\(id)", as: .communications)
            let decisions = (detail as? [String: Any])?["decisions"] as? [[String: Any]]
            #expect(decisions?.count == 4)
            #expect(decisions?.filter { $0["allowed"] as? Bool == true }.map { $0["channel"] as? String } == ["website", "print"])
            // clinical photos are never published, whatever the consent says
            let clinical = try await client.upload(t, stream: "clinical")["id"] as! String
            let (_, c) = try await client.send(t, .get, "/api/assets/\(clinical)/decision?channel=website", as: .clinician)
            _ = c
            let (_, batch) = try await client.send(t, .post, "/api/decisions", as: .communications, json: """
                {"decisions":[{"asset":"\(id)","channel":"website"},{"asset":"\(id)","channel":"print","at":"2026-06-01T00:00:00Z"}]}
                """)
            let results = (batch as? [String: Any])?["decisions"] as? [[String: Any]]
            #expect(results?.map { $0["allowed"] as? Bool } == [true, false])
        }
    }

    @Test func renditionCarriesConsentXMPAndNoExifOr403WithReasons() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let id = try await client.upload(t, photo: "gps-xmp-iptc.jpg")["id"] as! String
            try await client.execute(uri: "/api/assets/\(id)/rendition?channel=website", method: .get,
                                     headers: t.headers(.communications)) { r in
                #expect(r.status == .forbidden)
                #expect((try? jsonObject(r.body))?["reasons"] as? [String] == ["no-consent"])
            }
            _ = try await client.send(t, .post, "/api/consents", as: .integration, json: Self.consentJSON)
            let path = t.dir + "/rendition.jpg"
            try await client.execute(uri: "/api/assets/\(id)/rendition?channel=website", method: .get,
                                     headers: t.headers(.communications)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "image/jpeg")
                try? Data(buffer: r.body).write(to: URL(fileURLWithPath: path))
            }
            // checked by a reader we did not write
            let out = try Tool.run("exiftool", ["-j", "-G1", "-a", path])
            let tags = ((try JSONSerialization.jsonObject(with: Data(out.stdout.utf8))) as? [[String: Any]])?.first ?? [:]
            #expect(tags["XMP-plus:ModelReleaseStatus"] as? String == "Limited or Incomplete Model Releases")
            #expect(tags["XMP-pgc:ConsentID"] as? String == "c-1")
            #expect(tags["XMP-pgc:Channel"] as? String == "website")
            #expect(tags.keys.filter { $0.hasPrefix("GPS") || $0.contains(":GPS") || $0.hasPrefix("ExifIFD") || $0.hasPrefix("IFD0") || $0.hasPrefix("IPTC") }.isEmpty,
                    "\(tags.keys.sorted())")
        }
    }

    @Test func withdrawalBlocksAtOnceAndCarriesTheTakeDownList() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let id = try await client.upload(t)["id"] as! String
            _ = try await client.send(t, .post, "/api/consents", as: .integration, json: Self.consentJSON)
            let (published, _) = try await client.send(t, .post, "/api/assets/\(id)/usages", as: .communications,
                                                       json: "{\"channel\":\"website\",\"location\":\"https://hospital.example/stories/1\"}")
            #expect(published == .created)
            // publishing where consent does not reach is refused
            let (refused, body) = try await client.send(t, .post, "/api/assets/\(id)/usages", as: .communications,
                                                        json: "{\"channel\":\"social-media\",\"location\":\"https://social.example/p/1\"}")
            #expect(refused == .forbidden)
            #expect((body as? [String: Any])?["reasons"] as? [String] == ["channel-not-permitted"])

            let (withdrawn, _) = try await client.send(t, .post, "/api/consents/c-1/withdraw", as: .integration)
            #expect(withdrawn == .ok)
            let (_, decision) = try await client.send(t, .get, "/api/assets/\(id)/decision?channel=website", as: .communications)
            #expect((decision as? [String: Any])?["reasons"] as? [String] == ["consent-withdrawn"])
            let (_, page) = try await client.send(t, .get, "/api/events", as: .communications)
            let events = (page as? [String: Any])?["events"] as? [[String: Any]] ?? []
            let withdrawal = events.first { $0["type"] as? String == "consent.withdrawn" }
            let takeDown = (withdrawal?["payload"] as? [String: Any])?["takeDown"] as? [[String: Any]]
            #expect(takeDown?.first?["location"] as? String == "https://hospital.example/stories/1")
            let blocked = events.first { $0["type"] as? String == "asset.blocked" }
            #expect(blocked?["assetID"] as? String == id)
            let entries = (blocked?["payload"] as? [String: Any])?["assets"] as? [[String: Any]]
            #expect(entries?.count == 1)
            #expect(entries?.first?["channels"] as? [String] == ["website", "print"])
            // a second withdrawal is a conflict, not a second event
            let (again, _) = try await client.send(t, .post, "/api/consents/c-1/withdraw", as: .integration)
            #expect(again == .conflict)
        }
    }

    @Test func eventsPageByCursor() async throws {
        let t = try TestGateway()
        try await t.test { client in
            for _ in 0..<5 { _ = try await client.upload(t) }
            let (_, first) = try await client.send(t, .get, "/api/events?limit=2", as: .integration)
            let page1 = first as? [String: Any]
            #expect((page1?["events"] as? [Any])?.count == 2)
            let next = page1?["next"] as? Int ?? -1
            let (_, second) = try await client.send(t, .get, "/api/events?after=\(next)&limit=10", as: .integration)
            let events = (second as? [String: Any])?["events"] as? [[String: Any]] ?? []
            #expect(events.count == 3)
            #expect(events.allSatisfy { ($0["seq"] as? Int ?? 0) > next })
        }
    }
}
