import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import TestSupport
import Testing

/// FHIR Media over `/fhir`: the gateway's assets as Media, created from a photo in
/// `content.data` through the same core path as `POST /api/assets`, read and searched in JSON
/// and XML. Every answer is checked by fhir.resources at the end.
struct FHIRMediaTests {
    /// A FHIR Patient (MRN1); its id.
    static func patient(_ t: TestGateway, _ client: any TestClientProtocol, mrn: String = "MRN1") async throws -> String {
        let p = try await client.fhir(t, .put, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7C\(mrn)", body: FHIRSamples.patient(mrn: mrn))
        return try #require(p.id)
    }

    @Test(arguments: Wire.allCases)
    func createWrapsThePhotoAndReadAndSearchShowTheAsset(wire: Wire) async throws {
        let t = try TestGateway()  // clock: 2027-01-15
        let bodies = FHIRBodies()
        try await t.test { client in
            // Given a Patient
            let patient = try await Self.patient(t, client)
            // When an integration engine posts a Media with the photo inline
            let created = try await client.fhir(t, .post, "/fhir/Media", body: FHIRSamples.media(subject: "Patient/\(patient)"),
                                                wire: wire, bodies: bodies)
            // Then it is 201 with a Location, and the Media points at the photo as a Binary
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.id)
            #expect(created.headers[.location]?.hasSuffix("/fhir/Media/\(id)") == true)
            #expect(created.headers[.eTag] == nil)
            let content = created.json["content"] as? [String: Any]
            #expect((content?["url"] as? String)?.hasSuffix("/fhir/Binary/\(id)") == true)
            #expect(content?["data"] == nil)
            #expect((created.json["subject"] as? [String: Any])?["reference"] as? String == "Patient/\(patient)")
            // And the asset exists in the core, wrapped to DICOM, in the stream the extension named
            let (status, asset) = try await client.send(t, .get, "/api/assets/\(id)", as: .clinician)
            #expect(status == .ok)
            #expect((asset as? [String: Any])?["stream"] as? String == "communication")
            let dicom = try await client.execute(uri: "/api/assets/\(id)/dicom", method: .get, headers: t.headers(.clinician)) {
                Array($0.body.readableBytesView)
            }
            #expect(dicom.count > 132 && String(decoding: dicom[128..<132], as: UTF8.self) == "DICM")
            let actions = try t.auditActions()
            #expect(Array(actions.drop { $0 != "asset.create" }.prefix(2)) == ["asset.create", "fhir.create"], "\(actions)")
            // Read, by every role that may see the metadata
            for role in [Role.integration, .clinician, .privacyOfficer, .communications] {
                let read = try await client.fhir(t, .get, "/fhir/Media/\(id)", as: role, wire: wire, bodies: bodies)
                #expect(read.status == .ok, "\(role)")
                #expect(read.json["status"] as? String == "completed")
            }
            // Search by subject and created
            for query in ["subject=Patient/\(patient)", "subject=\(patient)", "created=2026-12", "created=ge2026-12-01T10:00:00Z",
                          "_id=\(id)", "subject=\(patient)&created=lt2027"] {
                let found = try await client.fhir(t, .get, "/fhir/Media?\(query)", wire: wire, bodies: bodies)
                #expect(found.status == .ok, "\(query)")
                #expect(found.json["total"] as? Int == 1, "\(query): \(found.body)")
            }
            for query in ["created=lt2026-12-01", "subject=Patient/unknown", "created=2027"] {
                #expect(try await client.fhir(t, .get, "/fhir/Media?\(query)", wire: wire, bodies: bodies).json["total"] as? Int == 0, "\(query)")
            }
        }
        try bodies.validate()
    }

    @Test func photosUploadedThroughTheAPIAreMediaAndClinicalOnesStayHiddenFromCommunications() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let patient = try await Self.patient(t, client)
            let clinical = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1", stream: "clinical")["id"] as! String
            let communication = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1")["id"] as! String
            let all = try await client.fhir(t, .get, "/fhir/Media?subject=Patient/\(patient)", as: .clinician, bodies: bodies)
            #expect(all.json["total"] as? Int == 2)
            let comms = try await client.fhir(t, .get, "/fhir/Media?subject=Patient/\(patient)", as: .communications, bodies: bodies)
            #expect(comms.json["total"] as? Int == 1)
            #expect((comms.entries.first?["resource"] as? [String: Any])?["id"] as? String == communication)
            #expect(try await client.fhir(t, .get, "/fhir/Media/\(clinical)", as: .communications, bodies: bodies).status == .notFound)
            #expect(try await client.fhir(t, .get, "/fhir/Media/\(clinical)", as: .uploader, bodies: bodies).status == .forbidden)
            // The unknown reads are audited too
            #expect(try t.auditActions().contains("fhir.read"))
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func badMediaAreRefusedWithAnOperationOutcomeAndLeaveNothingBehind(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let patient = try await Self.patient(t, client)
            let before = t.blobFiles()
            let cases: [(String, HTTPResponse.Status, String)] = [
                (FHIRSamples.media(subject: "Patient/nobody"), .badRequest, "not-found"),
                (FHIRSamples.media(subject: "Patient/\(patient)", contentType: "application/pdf"), .unprocessableContent, "not-supported"),
                (FHIRSamples.media(subject: "Patient/\(patient)", data: Data("not a photo".utf8).base64EncodedString()),
                 .unprocessableContent, "not-supported"),
                (FHIRSamples.media(subject: "Patient/\(patient)", url: "http://elsewhere/photo.jpg"), .unprocessableContent, "business-rule"),
                (FHIRSamples.media(subject: "Patient/\(patient)", stream: "secret"), .unprocessableContent, "value"),
                (FHIRSamples.patient(), .badRequest, "invalid"),
            ]
            for (body, status, code) in cases {
                let r = try await client.fhir(t, .post, "/fhir/Media", body: body, wire: wire, bodies: bodies)
                #expect(r.status == status, "\(r.body)")
                #expect(r.issueCode == code, "\(r.body)")
            }
            #expect(t.blobFiles() == before)
            #expect(try t.count("asset") == 0)
            // Interactions Media does not have
            #expect(try await client.fhir(t, .put, "/fhir/Media/x", body: FHIRSamples.media(subject: "Patient/\(patient)"),
                                          wire: wire, bodies: bodies).status == .methodNotAllowed)
            #expect(try await client.fhir(t, .delete, "/fhir/Media/x", wire: wire, bodies: bodies).status == .methodNotAllowed)
            let conditional = try await client.fhir(t, .post, "/fhir/Media", body: FHIRSamples.media(subject: "Patient/\(patient)"),
                                                    wire: wire, headers: ["If-None-Exist": "_id=x"], bodies: bodies)
            #expect(conditional.status == .badRequest)
            #expect(try await client.fhir(t, .post, "/fhir/Media", as: .clinician, body: FHIRSamples.media(subject: "Patient/\(patient)"),
                                          wire: wire, bodies: bodies).status == .forbidden)
            let badSearch = try await client.fhir(t, .get, "/fhir/Media?created=yesterday", wire: wire, bodies: bodies)
            #expect(badSearch.status == .badRequest)
            #expect(try await client.fhir(t, .get, "/fhir/Media?patient=x", wire: wire, bodies: bodies).issueCode == "not-supported")
        }
        try bodies.validate()
    }
}
