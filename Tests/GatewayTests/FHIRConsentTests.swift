import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Testing

/// FHIR Consent over `/fhir`: translated through the site mappings into the core consent,
/// so decisions change at once; delete = withdrawal.
struct FHIRConsentTests {
    /// A patient in FHIR with one uploaded communication photo: (FHIR patient id, asset id).
    static func patientWithPhoto(_ t: TestGateway, _ client: any TestClientProtocol) async throws -> (String, String) {
        let asset = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1")["id"] as! String
        let p = try await client.fhir(t, .put, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN1", body: FHIRSamples.patient())
        return (try #require(p.id), asset)
    }

    static func decision(_ t: TestGateway, _ client: any TestClientProtocol, _ asset: String, _ channel: String) async throws
        -> [String: Any]
    {
        let (_, d) = try await client.send(t, .get, "/api/assets/\(asset)/decision?channel=\(channel)", as: .communications)
        return d as? [String: Any] ?? [:]
    }

    @Test func aConsentChangesDecisionsAtOnceAndDeleteWithdrawsIt() async throws {
        let t = try TestGateway()  // clock: 2027-01-15
        let bodies = FHIRBodies()
        try await t.test { client in
            let (patient, asset) = try await Self.patientWithPhoto(t, client)
            #expect(try await Self.decision(t, client, asset, "website")["reasons"] as? [String] == ["no-consent"])
            // When the EHR sends a publication consent for website and print
            let created = try await client.fhir(t, .post, "/fhir/Consent", body: FHIRSamples.consent(patient: "Patient/\(patient)"),
                                                bodies: bodies)
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.id)
            #expect(created.headers[.eTag] == "W/\"1\"")
            // Then the decision allows website, not social media
            #expect(try await Self.decision(t, client, asset, "website")["allowed"] as? Bool == true)
            #expect(try await Self.decision(t, client, asset, "social-media")["reasons"] as? [String] == ["channel-not-permitted"])
            // Read and search
            let read = try await client.fhir(t, .get, "/fhir/Consent/\(id)", as: .privacyOfficer, bodies: bodies)
            #expect(read.status == .ok)
            #expect(read.body.contains("OPTIN"))
            for query in ["patient=Patient/\(patient)", "patient=\(patient)", "status=active", "patient=\(patient)&status=active,draft"] {
                let r = try await client.fhir(t, .get, "/fhir/Consent?\(query)", bodies: bodies)
                #expect(r.json["total"] as? Int == 1, "\(query)")
            }
            #expect(try await client.fhir(t, .get, "/fhir/Consent?status=inactive", bodies: bodies).json["total"] as? Int == 0)
            // category (token) and date (Consent.dateTime)
            let category = "http://photogate.org/fhir/CodeSystem/consent-category"
            for (query, total) in [("category=\(category)%7Cphoto-publication", 1), ("category=photo-publication", 1),
                                   ("category=research", 0), ("date=2027-01-10", 1), ("date=ge2027-01", 1), ("date=lt2027-01-10", 0),
                                   ("category=photo-publication&date=2027", 1)] {
                let r = try await client.fhir(t, .get, "/fhir/Consent?\(query)", wire: query.hasPrefix("date") ? .xml : .json, bodies: bodies)
                #expect(r.json["total"] as? Int == total, "\(query): \(r.body)")
            }
            #expect(try await client.fhir(t, .get, "/fhir/Consent?date=someday", bodies: bodies).status == .badRequest)
            // An update to social media only changes the decision too
            let updated = try await client.fhir(t, .put, "/fhir/Consent/\(id)",
                                                body: FHIRSamples.consent(id: id, patient: "Patient/\(patient)", channels: ["social-media"]),
                                                headers: ["If-Match": "W/\"1\""], bodies: bodies)
            #expect(updated.status == .ok)
            #expect(try await Self.decision(t, client, asset, "social-media")["allowed"] as? Bool == true)
            #expect(try await Self.decision(t, client, asset, "website")["allowed"] as? Bool == false)
            // When it is deleted, it is withdrawn
            let deleted = try await client.fhir(t, .delete, "/fhir/Consent/\(id)", bodies: bodies)
            #expect(deleted.status == .ok)
            #expect(deleted.resourceType == "OperationOutcome")
            #expect(try await Self.decision(t, client, asset, "social-media")["reasons"] as? [String] == ["consent-withdrawn"])
            let (_, page) = try await client.send(t, .get, "/api/events", as: .communications)
            let types = ((page as? [String: Any])?["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types.contains("consent.withdrawn"))
            // And the FHIR resource is gone, with its history kept
            let gone = try await client.fhir(t, .get, "/fhir/Consent/\(id)", bodies: bodies)
            #expect(gone.status == .gone)
            #expect(gone.issueCode == "deleted")
            let history = try await client.fhir(t, .get, "/fhir/Consent/\(id)/_history", bodies: bodies)
            #expect(history.json["total"] as? Int == 3)
            #expect((history.entries.first?["request"] as? [String: Any])?["method"] as? String == "DELETE")
            #expect(try await client.fhir(t, .get, "/fhir/Consent?patient=\(patient)", bodies: bodies).json["total"] as? Int == 0)
            #expect(try await client.fhir(t, .delete, "/fhir/Consent/\(id)", bodies: bodies).status == .ok)
            #expect(try await client.fhir(t, .delete, "/fhir/Consent/unknown", bodies: bodies).status == .notFound)
        }
        try bodies.validate()
    }

    @Test func aConsentThatIsNotAboutPhotoPublicationIsRefused() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let (patient, _) = try await Self.patientWithPhoto(t, client)
            let other = try await client.fhir(t, .post, "/fhir/Consent",
                                              body: FHIRSamples.consent(patient: "Patient/\(patient)", category: "research"), bodies: bodies)
            #expect(other.status == .unprocessableContent)
            #expect(other.issueCode == "not-supported")
            #expect(other.body.contains("not a photo-publication consent"))
            let unknownPatient = try await client.fhir(t, .post, "/fhir/Consent", body: FHIRSamples.consent(patient: "Patient/nobody"),
                                                       bodies: bodies)
            #expect(unknownPatient.status == .badRequest)
            #expect(unknownPatient.issueCode == "not-found")
            let wrongType = try await client.fhir(t, .post, "/fhir/Consent", body: FHIRSamples.patient(), bodies: bodies)
            #expect(wrongType.status == .badRequest)
            let byClinician = try await client.fhir(t, .delete, "/fhir/Consent/x", as: .clinician, bodies: bodies)
            #expect(byClinician.status == .forbidden)
        }
        try bodies.validate()
    }

    @Test func aConsentInXML() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let (patient, asset) = try await Self.patientWithPhoto(t, client)
            let xml = """
                <Consent xmlns="http://hl7.org/fhir">
                  <status value="active"/>
                  <scope><coding><system value="http://terminology.hl7.org/CodeSystem/consentscope"/><code value="patient-privacy"/></coding></scope>
                  <category><coding><system value="http://loinc.org"/><code value="64292-6"/></coding></category>
                  <patient><reference value="Patient/\(patient)"/></patient>
                  <policyRule><coding><system value="http://terminology.hl7.org/CodeSystem/v3-ActCode"/><code value="OPTIN"/></coding></policyRule>
                  <provision><type value="permit"/>
                    <purpose><system value="http://photogate.org/fhir/CodeSystem/publication-channel"/><code value="intranet"/></purpose>
                  </provision>
                </Consent>
                """
            let created = try await client.fhir(t, .post, "/fhir/Consent", body: xml, contentType: "application/fhir+xml",
                                                accept: "application/fhir+xml")
            #expect(created.status == .created, "\(created.body)")
            #expect(created.body.contains("<Consent xmlns=\"http://hl7.org/fhir\">"))
            #expect(try await Self.decision(t, client, asset, "intranet")["allowed"] as? Bool == true)
            let bundle = try await client.fhir(t, .get, "/fhir/Consent?patient=\(patient)&_format=xml")
            #expect(bundle.body.contains("<total value=\"1\"/>"))
        }
    }
}
