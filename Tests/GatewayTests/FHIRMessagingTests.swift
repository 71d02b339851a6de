import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Testing

/// `POST /fhir/$process-message`: patient update, death notice and consent change as FHIR
/// messages, answered with a response message, idempotent on the message Bundle id.
struct FHIRMessagingTests {
    static func message(id: String, event: String, _ resources: [(String, String)]) -> String {
        FHIRSamples.bundle("message", id: id, [("urn:uuid:b1a0e0a4-3c7d-4b7e-8f7a-2a0c7c3e5d61", nil, nil,
                                                FHIRSamples.messageHeader(event, focus: resources.map(\.0)))]
            + resources.map { ($0.0, nil, nil, $0.1) })
    }

    static let patientURL = "urn:uuid:2d5b7a52-8f0e-4c61-9c1a-3e7f1d9b6a44"

    /// The response message's header: (code, identifier).
    static func response(_ r: FHIRReply) -> (String?, String?) {
        let header = r.entries.first?["resource"] as? [String: Any]
        let response = header?["response"] as? [String: Any]
        return (response?["code"] as? String, response?["identifier"] as? String)
    }

    @Test(arguments: Wire.allCases)
    func aDeathNoticeMessageRunsTheDeathWorkflowOnceAndIsAnsweredAgainTheSame(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            // Given a patient with a photo, known over FHIR through a patient-update message
            let update = Self.message(id: "msg-1", event: "patient-update", [(Self.patientURL, FHIRSamples.patient())])
            let first = try await client.fhir(t, .post, "/fhir/$process-message", body: update, wire: wire, bodies: bodies)
            #expect(first.status == .ok, "\(first.body)")
            #expect(first.json["type"] as? String == "message")
            #expect(Self.response(first) == ("ok", "msg-1"))
            let asset = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1")["id"] as! String
            // When a death notice arrives as a message
            let death = Self.message(id: "msg-2", event: "patient-deceased",
                                     [(Self.patientURL, FHIRSamples.patient(deceased: #""deceasedDateTime":"2027-01-14T23:40:00Z""#))])
            let answered = try await client.fhir(t, .post, "/fhir/$process-message", body: death, wire: wire, bodies: bodies)
            #expect(Self.response(answered) == ("ok", "msg-2"))
            // Then the photo is on hold and patient.deceased was raised once
            let (_, detail) = try await client.send(t, .get, "/api/assets/\(asset)", as: .clinician)
            #expect((detail as? [String: Any])?["state"] as? String == "to-be-assessed")
            let events = try t.count("event")
            let versions = try t.count("fhirVersion")
            // When the same message is sent again, it gets the same answer and nothing happens
            let again = try await client.fhir(t, .post, "/fhir/$process-message", body: death, wire: wire, bodies: bodies)
            #expect(again.status == .ok)
            #expect(again.headers[HTTPField.Name("X-PhotoGate-Replayed")!] == "true")
            #expect(again.jsonText == answered.jsonText)
            #expect(try t.count("event") == events)
            #expect(try t.count("fhirVersion") == versions)
            #expect(try t.auditActions().last == "fhir.message")
            // The FHIR Patient is one resource, updated by MRN
            let patients = try await client.fhir(t, .get, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN1", bodies: bodies)
            #expect(patients.json["total"] as? Int == 1)
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func aConsentChangeMessageChangesDecisions(wire: Wire) async throws {
        let t = try TestGateway()  // clock: 2027-01-15
        let bodies = FHIRBodies()
        try await t.test { client in
            let asset = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1")["id"] as! String
            let consentURL = "urn:uuid:0c3ba6a7-5d8e-4b73-a0b9-0e5c5a4b7e11"
            var consent = FHIRSamples.consent(id: "c-1", patient: Self.patientURL)
            let message = Self.message(id: "msg-c1", event: "consent-change",
                                       [(Self.patientURL, FHIRSamples.patient()), (consentURL, consent)])
            let reply = try await client.fhir(t, .post, "/fhir/$process-message", body: message, wire: wire, bodies: bodies)
            #expect(Self.response(reply) == ("ok", "msg-c1"), "\(reply.body)")
            let (_, d) = try await client.send(t, .get, "/api/assets/\(asset)/decision?channel=website", as: .communications)
            #expect((d as? [String: Any])?["allowed"] as? Bool == true)
            // A withdrawal by message
            consent = FHIRSamples.consent(id: "c-1", patient: Self.patientURL, status: "inactive")
            let withdrawal = Self.message(id: "msg-c2", event: "consent-change",
                                          [(Self.patientURL, FHIRSamples.patient()), (consentURL, consent)])
            #expect(Self.response(try await client.fhir(t, .post, "/fhir/$process-message", body: withdrawal, wire: wire,
                                                        bodies: bodies)) == ("ok", "msg-c2"))
            let (_, w) = try await client.send(t, .get, "/api/assets/\(asset)/decision?channel=website", as: .communications)
            #expect((w as? [String: Any])?["reasons"] as? [String] == ["consent-withdrawn"])
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func messagesThatCannotBeProcessedGetAFatalErrorThatIsAlsoReplayed(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let cases: [(String, String)] = [
                (Self.message(id: "bad-1", event: "lab-result", [(Self.patientURL, FHIRSamples.patient())]), "not-supported"),
                (Self.message(id: "bad-2", event: "patient-deceased", [(Self.patientURL, FHIRSamples.patient())]), "business-rule"),
                (Self.message(id: "bad-3", event: "consent-change", [(Self.patientURL, FHIRSamples.patient())]), "required"),
                (Self.message(id: "bad-4", event: "patient-update",
                              [(Self.patientURL, #"{"resourceType":"Patient","name":[{"family":"X"}]}"#)]), "business-rule"),
                (Self.message(id: "bad-5", event: "consent-change",
                              [("urn:uuid:c", FHIRSamples.consent(patient: "Patient/nobody"))]), "not-found"),
            ]
            for (message, code) in cases {
                let reply = try await client.fhir(t, .post, "/fhir/$process-message", body: message, wire: wire, bodies: bodies)
                #expect(reply.status == .ok)
                #expect(Self.response(reply).0 == "fatal-error", "\(reply.body)")
                let outcome = reply.entries.last?["resource"] as? [String: Any]
                #expect(((outcome?["issue"] as? [[String: Any]])?.first?["code"] as? String) == code, "\(reply.body)")
                let again = try await client.fhir(t, .post, "/fhir/$process-message", body: message, wire: wire, bodies: bodies)
                #expect(again.jsonText == reply.jsonText)
            }
            #expect(try t.count("patient") == 0)
            // Not a message at all: a plain OperationOutcome
            let transaction = FHIRSamples.bundle("transaction", [])
            #expect(try await client.fhir(t, .post, "/fhir/$process-message", body: transaction, wire: wire, bodies: bodies).status == .badRequest)
            let noID = FHIRSamples.bundle("message", [("urn:uuid:h", nil, nil, FHIRSamples.messageHeader("patient-update", focus: []))])
            #expect(try await client.fhir(t, .post, "/fhir/$process-message", body: noID, wire: wire, bodies: bodies).issueCode == "required")
            #expect(try await client.fhir(t, .post, "/fhir/$process-message", as: .clinician, body: noID, wire: wire,
                                          bodies: bodies).status == .forbidden)
        }
        try bodies.validate()
    }
}
