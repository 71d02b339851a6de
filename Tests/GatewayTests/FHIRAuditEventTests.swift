import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Testing

/// FHIR AuditEvent: the hash-chained audit trail, read and searched by the privacy officer.
struct FHIRAuditEventTests {
    @Test(arguments: Wire.allCases)
    func theAuditTrailReadsAsAuditEventsSearchableByEntityAgentAndDate(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            // Given a patient, a photo and a consent written over FHIR
            let (patient, asset) = try await FHIRConsentTests.patientWithPhoto(t, client)
            let consent = try #require(try await client.fhir(t, .post, "/fhir/Consent",
                                                             body: FHIRSamples.consent(patient: "Patient/\(patient)")).id)
            _ = try await client.execute(uri: "/fhir/Binary/\(asset)", method: .get, headers: t.headers(.clinician)) { _ in }
            // When the privacy officer searches the trail
            func search(_ query: String) async throws -> FHIRReply {
                try await client.fhir(t, .get, "/fhir/AuditEvent?\(query)", as: .privacyOfficer, wire: wire, bodies: bodies)
            }
            let byPatient = try await search("entity=Patient/\(patient)&_count=100")
            #expect(byPatient.status == .ok, "\(byPatient.body)")
            let subtypes = byPatient.entries.compactMap { e -> String? in
                ((e["resource"] as? [String: Any])?["subtype"] as? [[String: Any]])?.first?["code"] as? String
            }
            #expect(subtypes.contains("patient.create"))
            #expect(subtypes.contains("consent.create"))
            #expect(subtypes.contains("asset.read-original"))
            let byPhoto = try await search("entity=Media/\(asset)")
            #expect((byPhoto.json["total"] as? Int ?? 0) >= 2)
            let byConsent = try await search("entity=Consent/\(consent)")
            #expect((byConsent.json["total"] as? Int ?? 0) >= 2, "\(byConsent.body)")
            let byAgent = try await search("agent=test-clinician")
            #expect(byAgent.json["total"] as? Int == 1)
            let first = try #require(byAgent.entries.first?["resource"] as? [String: Any])
            #expect(first["action"] as? String == "R")
            #expect((first["agent"] as? [[String: Any]])?.first?["name"] as? String == "test-clinician")
            #expect((first["extension"] as? [[String: Any]])?.first?["valueString"] as? String != nil)
            #expect(try await search("date=2027-01-15").json["total"] as? Int ?? 0 > 5)
            #expect(try await search("date=lt2027-01-15").json["total"] as? Int == 0)
            #expect(try await search("agent=test-clinician&date=ge2027-01-15&entity=Media/\(asset)").json["total"] as? Int == 1)
            // Read one, by id
            let id = try #require(first["id"] as? String)
            let read = try await client.fhir(t, .get, "/fhir/AuditEvent/\(id)", as: .privacyOfficer, wire: wire, bodies: bodies)
            #expect(read.status == .ok)
            #expect(read.resourceType == "AuditEvent")
            // Reading the trail is audited
            #expect(try t.auditActions().last == "audit.read")
            // Errors
            #expect(try await client.fhir(t, .get, "/fhir/AuditEvent/999999", as: .privacyOfficer, wire: wire, bodies: bodies).status == .notFound)
            #expect(try await client.fhir(t, .get, "/fhir/AuditEvent", as: .clinician, wire: wire, bodies: bodies).status == .forbidden)
            #expect(try await client.fhir(t, .get, "/fhir/AuditEvent?entity=\(patient)", as: .privacyOfficer, wire: wire,
                                          bodies: bodies).status == .badRequest)
            #expect(try await client.fhir(t, .get, "/fhir/AuditEvent?action=R", as: .privacyOfficer, wire: wire,
                                          bodies: bodies).issueCode == "not-supported")
            #expect(try await client.fhir(t, .post, "/fhir/AuditEvent", as: .admin, body: "{}", wire: .json,
                                          bodies: bodies).status == .methodNotAllowed)
        }
        try bodies.validate()
    }
}
