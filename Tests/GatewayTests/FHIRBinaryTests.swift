import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import TestSupport
import Testing

/// FHIR Binary: the photo bytes under the core's rules — originals to clinicians only,
/// renditions only through the consent decision — every read audited.
struct FHIRBinaryTests {
    @Test func theOriginalGoesToClinicianOnlyAndEveryReadIsAudited() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let asset = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1")["id"] as! String
            let original = try Fixtures.bytes("baseline-420.jpg")
            // Raw bytes by default
            let raw = try await client.execute(uri: "/fhir/Binary/\(asset)", method: .get, headers: t.headers(.clinician)) { $0 }
            #expect(raw.status == .ok)
            #expect(raw.headers[.contentType] == "image/jpeg")
            #expect(Array(raw.body.readableBytesView) == original)
            // A Binary resource when a FHIR format is asked for, in JSON and XML
            for wire in Wire.allCases {
                let resource = try await client.fhir(t, .get, "/fhir/Binary/\(asset)", as: .clinician, accept: wire.mediaType,
                                                     bodies: bodies)
                #expect(resource.resourceType == "Binary")
                #expect(resource.json["contentType"] as? String == "image/jpeg")
                #expect(Data(base64Encoded: resource.json["data"] as? String ?? "").map(Array.init) == original)
            }
            let dicom = try await client.execute(uri: "/fhir/Binary/\(asset).dicom", method: .get, headers: t.headers(.clinician)) { $0 }
            #expect(dicom.headers[.contentType] == "application/dicom")
            // Roles that may not read originals get a 403 OperationOutcome, in either format
            for (role, wire) in [(Role.integration, Wire.json), (.communications, .xml), (.privacyOfficer, .json), (.uploader, .xml)] {
                let refused = try await client.fhir(t, .get, "/fhir/Binary/\(asset)", as: role, wire: wire, bodies: bodies)
                #expect(refused.status == .forbidden, "\(role)")
                #expect(refused.issueCode == "forbidden")
            }
            let unknown = try await client.fhir(t, .get, "/fhir/Binary/nothing", as: .clinician, bodies: bodies)
            #expect(unknown.status == .notFound)
            #expect(unknown.issueCode == "not-found")
            let actions = try t.callerAuditActions()
            #expect(actions.filter { $0 == "asset.read-original" }.count == 3)
            #expect(actions.contains("asset.read-dicom"))
            #expect(actions.filter { $0 == "auth.forbidden" }.count == 4)
            #expect(actions.last == "fhir.read")
        }
        try bodies.validate()
    }

    @Test func aRenditionGoesThroughTheConsentDecision() async throws {
        let t = try TestGateway()  // clock: 2027-01-15
        let bodies = FHIRBodies()
        try await t.test { client in
            let (patient, asset) = try await FHIRConsentTests.patientWithPhoto(t, client)
            // Without consent: 403 with every reason, and the denial is audited
            let denied = try await client.fhir(t, .get, "/fhir/Binary/\(asset).website", as: .communications, bodies: bodies)
            #expect(denied.status == .forbidden)
            #expect(denied.body.contains("no-consent"))
            #expect(try t.callerAuditActions().last == "asset.rendition")
            // With a consent for the website: the rendition (a JPEG), still not the original
            _ = try await client.fhir(t, .post, "/fhir/Consent", body: FHIRSamples.consent(patient: "Patient/\(patient)"))
            let allowed = try await client.execute(uri: "/fhir/Binary/\(asset).website", method: .get, headers: t.headers(.communications)) { $0 }
            #expect(allowed.status == .ok)
            #expect(allowed.headers[.contentType] == "image/jpeg")
            #expect(Array(allowed.body.readableBytesView.prefix(2)) == [0xFF, 0xD8])
            #expect(Array(allowed.body.readableBytesView) != (try Fixtures.bytes("baseline-420.jpg")))
            // A channel the consent does not cover, in XML
            let social = try await client.fhir(t, .get, "/fhir/Binary/\(asset).social-media", as: .communications, wire: .xml, bodies: bodies)
            #expect(social.status == .forbidden)
            #expect(social.body.contains("channel-not-permitted"))
            // A clinician may not take the publication path
            #expect(try await client.fhir(t, .get, "/fhir/Binary/\(asset).website", as: .clinician, bodies: bodies).status == .forbidden)
            #expect(try await client.fhir(t, .get, "/fhir/Binary/\(asset).nowhere", as: .communications, bodies: bodies).status == .notFound)
        }
        try bodies.validate()
    }
}
