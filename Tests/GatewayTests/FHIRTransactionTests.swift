import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Testing

/// `POST /fhir` with transaction and batch Bundles: a transaction commits all of its entries
/// in one database transaction or none; a batch answers each entry on its own.
struct FHIRTransactionTests {
    static let patientURL = "urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a"
    static let mediaURL = "urn:uuid:9d0f3c1e-5b7a-4e1d-8a42-0c6b7f2e9a11"
    static let binaryURL = "urn:uuid:3f2a9b8c-1d4e-4f6a-9b0c-7e5d2a1c8f33"

    /// What an integration engine sends: a Patient (conditional create), its photo (as a Media
    /// with a Binary) and a consent for that photo, linked by `urn:uuid:`.
    static func engineTransaction(mrn: String = "MRN5", consentPatient: String = patientURL, binary: Bool = true) -> String {
        let consent = FHIRSamples.consent(patient: consentPatient).replacingOccurrences(
            of: #""type":"permit","#, with: #""type":"permit","data":[{"meaning":"instance","reference":{"reference":"\#(mediaURL)"}}],"#)
        var entries: [(fullUrl: String?, method: String?, url: String?, resource: String?)] = [
            (patientURL, "POST", "Patient", FHIRSamples.patient(mrn: mrn)),
            (mediaURL, "POST", "Media", binary ? FHIRSamples.media(subject: patientURL, url: binaryURL) : FHIRSamples.media(subject: patientURL)),
            ("urn:uuid:0c3ba6a7-5d8e-4b73-a0b9-0e5c5a4b7e11", "POST", "Consent", consent),
        ]
        if binary { entries.append((binaryURL, "POST", "Binary", FHIRSamples.binary())) }
        return FHIRSamples.bundle("transaction", entries,
                                  extraRequest: [0: "\"ifNoneExist\":\"identifier=\(FHIRSamples.mrnSystem)|\(mrn)\""])
    }

    @Test(arguments: Wire.allCases)
    func aTransactionFromAnEngineCommitsPatientPhotoAndConsentTogether(wire: Wire) async throws {
        let t = try TestGateway()  // clock: 2027-01-15
        let bodies = FHIRBodies()
        try await t.test { client in
            // When an engine sends Patient + Media (+ Binary) + Consent linked by urn:uuid
            let reply = try await client.fhir(t, .post, "/fhir", body: Self.engineTransaction(), wire: wire, bodies: bodies)
            // Then every entry is answered, in order, with its status, location and ETag
            #expect(reply.status == .ok, "\(reply.body)")
            #expect(reply.json["type"] as? String == "transaction-response")
            let responses = reply.entries.map { $0["response"] as? [String: Any] ?? [:] }
            #expect(responses.map { $0["status"] as? String } == ["201 Created", "201 Created", "201 Created", "201 Created"])
            let patientLocation = try #require(responses[0]["location"] as? String)
            #expect(patientLocation.hasPrefix("Patient/") && patientLocation.hasSuffix("/_history/1"))
            #expect(responses[0]["etag"] as? String == "W/\"1\"")
            let patientID = patientLocation.split(separator: "/")[1]
            let mediaID = try #require((responses[1]["location"] as? String)?.split(separator: "/").last.map(String.init))
            #expect(responses[3]["location"] as? String == "Binary/\(mediaID)")
            // And the references were rewritten: the consent names the patient and the photo
            let consent = try #require(reply.entries[2]["resource"] as? [String: Any])
            #expect((consent["patient"] as? [String: Any])?["reference"] as? String == "Patient/\(patientID)")
            #expect(reply.jsonText.contains("\"reference\":\"Media/\(mediaID)\""))
            #expect(!reply.jsonText.contains("urn:uuid"))
            // And the core has it all: the photo is published on the website under that consent
            let (_, decision) = try await client.send(t, .get, "/api/assets/\(mediaID)/decision?channel=website", as: .communications)
            #expect((decision as? [String: Any])?["allowed"] as? Bool == true)
            let media = try await client.fhir(t, .get, "/fhir/Media/\(mediaID)", wire: wire, bodies: bodies)
            #expect((media.json["subject"] as? [String: Any])?["reference"] as? String == "Patient/\(patientID)")
            // A second send: the patient matches (ifNoneExist), 200, nothing new for it
            let again = try await client.fhir(t, .post, "/fhir", body: Self.engineTransaction(), wire: wire, bodies: bodies)
            #expect((again.entries.first?["response"] as? [String: Any])?["status"] as? String == "200 OK")
            #expect(try await client.fhir(t, .get, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN5", bodies: bodies)
                .json["total"] as? Int == 1)
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func oneBadEntryRollsBackEveryOtherEntry(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let before = (audit: try t.auditActions().count, events: try t.count("event"), blobs: t.blobFiles(),
                          patients: try t.count("patient"))
            // Given a transaction whose consent names a patient that does not exist
            let reply = try await client.fhir(t, .post, "/fhir", body: Self.engineTransaction(consentPatient: "Patient/nobody"),
                                              wire: wire, bodies: bodies)
            // Then the whole request fails with the entry named
            #expect(reply.status == .badRequest, "\(reply.body)")
            #expect(reply.issueCode == "not-found")
            #expect(reply.jsonText.contains("Bundle.entry[2]"))
            // And nothing of the other entries is visible: no patient, asset, FHIR resource,
            // event, blob, nor audit record of the rolled-back work
            #expect(try await client.fhir(t, .get, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN5", wire: wire, bodies: bodies)
                .json["total"] as? Int == 0)
            let (status, _) = try await client.send(t, .get, "/api/patients?identifier=\(FHIRSamples.mrnSystem)|MRN5", as: .integration)
            #expect(status == .notFound)
            #expect(try t.count("asset") == 0)
            #expect(try t.count("fhirResource") == 0)
            #expect(try t.count("patient") == before.patients)
            #expect(try t.count("event") == before.events)
            #expect(t.blobFiles() == before.blobs)
            let actions = try t.auditActions().dropFirst(before.audit)
            for rolledBack in ["patient.create", "asset.create", "consent.create", "fhir.create"] {
                #expect(!actions.contains(rolledBack), "\(actions)")
            }
            #expect(actions.contains("fhir.request"))  // the failed request itself is recorded
            // The same holds for a conflict found late (If-Match on an update)
            let stale = FHIRSamples.bundle("transaction", [
                (Self.patientURL, "POST", "Patient", FHIRSamples.patient(mrn: "MRN6")),
                (nil, "PUT", "Patient/p1", FHIRSamples.patient(id: "p1", mrn: "MRN7")),
            ], extraRequest: [1: "\"ifMatch\":\"W/\\\"4\\\"\""])
            let conflict = try await client.fhir(t, .post, "/fhir", body: stale, wire: wire, bodies: bodies)
            #expect(conflict.status == .preconditionFailed)
            #expect(try t.count("patient") == before.patients)
            // Malformed transactions
            let unresolved = FHIRSamples.bundle("transaction", [(nil, "POST", "Consent", FHIRSamples.consent(patient: "urn:uuid:nowhere"))])
            #expect(try await client.fhir(t, .post, "/fhir", body: unresolved, wire: wire, bodies: bodies).issueCode == "not-found")
            let noRequest = FHIRSamples.bundle("transaction", [(nil, nil, nil, FHIRSamples.patient())])
            #expect(try await client.fhir(t, .post, "/fhir", body: noRequest, wire: wire, bodies: bodies).status == .badRequest)
            let lonelyBinary = FHIRSamples.bundle("transaction", [(Self.binaryURL, "POST", "Binary", FHIRSamples.binary())])
            #expect(try await client.fhir(t, .post, "/fhir", body: lonelyBinary, wire: wire, bodies: bodies).status == .unprocessableContent)
            let deletePatient = FHIRSamples.bundle("transaction", [(nil, "DELETE", "Patient/x", nil)])
            #expect(try await client.fhir(t, .post, "/fhir", body: deletePatient, wire: wire, bodies: bodies).status == .methodNotAllowed)
            let searchset = FHIRSamples.bundle("collection", [])
            #expect(try await client.fhir(t, .post, "/fhir", body: searchset, wire: wire, bodies: bodies).status == .badRequest)
            #expect(try await client.fhir(t, .post, "/fhir", as: .clinician, body: Self.engineTransaction(), wire: wire,
                                          bodies: bodies).status == .forbidden)
            #expect(try t.count("patient") == before.patients)
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func aBatchAnswersEachEntryOnItsOwn(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let existing = try #require(try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(mrn: "MRN1")).id)
            let batch = FHIRSamples.bundle("batch", [
                (nil, "PUT", "Patient?identifier=\(FHIRSamples.mrnSystem)|MRN2", FHIRSamples.patient(mrn: "MRN2")),
                (nil, "POST", "Consent", FHIRSamples.consent(patient: "Patient/nobody")),
                (nil, "GET", "Patient/\(existing)", nil),
                (nil, "POST", "Media", FHIRSamples.media(subject: "Patient/\(existing)", stream: "clinical")),
                (nil, "DELETE", "Consent/unknown", nil),
                (nil, "POST", "Consent", FHIRSamples.consent(patient: Self.patientURL)),
            ])
            let reply = try await client.fhir(t, .post, "/fhir", body: batch, wire: wire, bodies: bodies)
            #expect(reply.status == .ok, "\(reply.body)")
            #expect(reply.json["type"] as? String == "batch-response")
            let statuses = reply.entries.map { ($0["response"] as? [String: Any])?["status"] as? String }
            #expect(statuses == ["201 Created", "400 Bad Request", "200 OK", "201 Created", "404 Not Found", "400 Bad Request"])
            let outcome = (reply.entries[1]["response"] as? [String: Any])?["outcome"] as? [String: Any]
            #expect(outcome?["resourceType"] as? String == "OperationOutcome")
            // The good entries are kept although others failed
            #expect(try await client.fhir(t, .get, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN2", bodies: bodies)
                .json["total"] as? Int == 1)
            #expect(try t.count("asset") == 1)
        }
        try bodies.validate()
    }
}
