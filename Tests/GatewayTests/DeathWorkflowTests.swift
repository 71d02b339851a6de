import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import Storage
import Testing

extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

struct DeathWorkflowTests {
    @Test func aDeathNoticeHoldsEveryActivePhotoUntilAHumanReleasesIt() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let ids = [try await client.upload(t), try await client.upload(t)].map { $0["id"] as! String }
            _ = try await client.send(t, .post, "/api/consents", as: .integration, json: ConsentFlowTests.consentJSON)
            // When the EHR says the patient died
            let (status, patient) = try await client.send(t, .patch, "/api/patients?identifier=urn:oid:1.2.3|MRN1",
                                                          as: .integration, json: "{\"deceased\":true,\"deceasedAt\":\"2027-01-10T08:00:00Z\"}")
            #expect(status == .ok)
            #expect((patient as? [String: Any])?["deceased"] as? Bool == true)
            // Then every photo is on hold and no channel is allowed
            for id in ids {
                let (_, asset) = try await client.send(t, .get, "/api/assets/\(id)", as: .communications)
                let a = asset as? [String: Any]
                #expect(a?["state"] as? String == "to-be-assessed")
                #expect((a?["decisions"] as? [[String: Any]])?.allSatisfy { $0["allowed"] as? Bool == false } == true)
            }
            let (_, queue) = try await client.send(t, .get, "/api/review", as: .communications)
            #expect((queue as? [Any])?.count == 2)
            let (_, page) = try await client.send(t, .get, "/api/events", as: .communications)
            let events = (page as? [String: Any])?["events"] as? [[String: Any]] ?? []
            func of(_ type: String) -> [[String: Any]] { events.filter { $0["type"] as? String == type } }
            #expect(of("patient.deceased").count == 1)
            // One event per fan-out, listing the photos (no asset id: it is about two)
            let review = try #require(of("asset.review-required").only)
            #expect(review["assetID"] == nil)
            #expect(Set((review["payload"] as? [String: Any])?["assets"] as? [String] ?? []) == Set(ids))
            let blocked = try #require(of("asset.blocked").only)
            let entries = (blocked["payload"] as? [String: Any])?["assets"] as? [[String: Any]] ?? []
            #expect(Set(entries.compactMap { $0["asset"] as? String }) == Set(ids))
            #expect(entries.allSatisfy { ($0["reasons"] as? [String])?.contains("patient-deceased") == true })
            // One audit record for the fan-out, found through either photo
            for id in ids {
                let (_, trail) = try await client.send(t, .get, "/api/audit?asset=\(id)", as: .privacyOfficer)
                let records = (trail as? [String: Any])?["entries"] as? [[String: Any]] ?? (trail as? [[String: Any]] ?? [])
                #expect(records.contains { $0["action"] as? String == "asset.state"
                    && (($0["detail"] as? [String: Any])?["assets"] as? String)?.contains(id) == true })
            }

            // A release needs a note recording the next-of-kin's wishes
            let (noNote, err) = try await client.send(t, .post, "/api/assets/\(ids[0])/review", as: .communications,
                                                      json: "{\"action\":\"release\"}")
            #expect(noNote == .unprocessableContent)
            #expect((err as? [String: Any])?["code"] as? String == "PG-4002")
            let (released, _) = try await client.send(t, .post, "/api/assets/\(ids[0])/review", as: .communications,
                                                      json: "{\"action\":\"release\",\"note\":\"Spouse agrees to continued use on the website\"}")
            #expect(released == .ok)
            let (_, decision) = try await client.send(t, .get, "/api/assets/\(ids[0])/decision?channel=website", as: .communications)
            #expect((decision as? [String: Any])?["allowed"] as? Bool == true)
            let (archived, body) = try await client.send(t, .post, "/api/assets/\(ids[1])/review", as: .communications,
                                                         json: "{\"action\":\"archive\",\"note\":\"Family asked to stop\"}")
            #expect(archived == .ok)
            #expect((body as? [String: Any])?["state"] as? String == "archived")
            let (_, after) = try await client.send(t, .get, "/api/assets/\(ids[1])/decision?channel=website", as: .communications)
            #expect((after as? [String: Any])?["reasons"] as? [String] == ["patient-deceased", "asset-archived"])
        }
    }

    @Test func releasingWithoutAValidConsentIsRefused() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let id = try await client.upload(t)["id"] as! String
            _ = try await client.send(t, .patch, "/api/patients?identifier=urn:oid:1.2.3|MRN1", as: .integration,
                                      json: "{\"deceased\":true}")
            let (status, body) = try await client.send(t, .post, "/api/assets/\(id)/review", as: .communications,
                                                       json: "{\"action\":\"release\",\"note\":\"ok\"}")
            #expect(status == .unprocessableContent)
            #expect((body as? [String: Any])?["code"] as? String == "PG-4003")
        }
    }

    @Test func patchingAnUnknownPatientCreatesIt() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let (status, body) = try await client.send(t, .patch, "/api/patients?identifier=urn:oid:9|X1", as: .integration,
                                                       json: "{\"family\":\"Doe\",\"given\":[\"Jane\"],\"birthDate\":\"1980-01-02\",\"gender\":\"female\"}")
            #expect(status == .created)
            #expect((body as? [String: Any])?["family"] as? String == "Doe")
            let (found, _) = try await client.send(t, .get, "/api/patients?identifier=urn:oid:9|X1", as: .clinician)
            #expect(found == .ok)
            let (bad, _) = try await client.send(t, .patch, "/api/patients?identifier=urn:oid:9|X1", as: .integration,
                                                 json: "{\"birthDate\":\"02/01/1980\"}")
            #expect(bad == .badRequest)
        }
    }
}
