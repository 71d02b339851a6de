import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import Storage
import Testing

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
            let types = ((page as? [String: Any])?["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types.contains("patient.deceased"))
            #expect(types.filter { $0 == "asset.review-required" }.count == 2)
            #expect(types.filter { $0 == "asset.blocked" }.count == 2)

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
