import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PhotoGateCore
import Testing

/// FHIR Patient over `/fhir`: every interaction, its headers and errors, and the mapping
/// onto the core patient. Every JSON answer is checked by fhir.resources at the end.
struct FHIRPatientTests {
    @Test func createReadVreadUpdateAndHistoryKeepVersionsAndUnknownElements() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            // Given a Patient with an element the model does not know
            let created = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(
                extra: #","_gender":{"extension":[{"url":"http://example.org/x","valueString":"kept"}]}"#), bodies: bodies)
            #expect(created.status == .created)
            let id = try #require(created.id)
            #expect(created.headers[.eTag] == "W/\"1\"")
            #expect(created.headers[.location]?.hasSuffix("/fhir/Patient/\(id)/_history/1") == true)
            #expect(created.headers[.lastModified]?.hasSuffix(" GMT") == true)
            #expect(created.versionId == "1")
            #expect(created.body.contains("kept"))
            // When it is read
            let read = try await client.fhir(t, .get, "/fhir/Patient/\(id)", as: .clinician, bodies: bodies)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == "W/\"1\"")
            #expect(read.body.contains("kept"))
            #expect(read.contentType.hasPrefix("application/fhir+json"))
            // And updated with If-Match
            let updated = try await client.fhir(t, .put, "/fhir/Patient/\(id)", body: FHIRSamples.patient(id: id, family: "Jansen-Smit"),
                                                headers: ["If-Match": "W/\"1\""], bodies: bodies)
            #expect(updated.status == .ok)
            #expect(updated.versionId == "2")
            // Then both versions stay readable, and the history lists them newest first
            let v1 = try await client.fhir(t, .get, "/fhir/Patient/\(id)/_history/1", as: .privacyOfficer, bodies: bodies)
            #expect(v1.status == .ok)
            #expect(v1.body.contains("\"Jansen\""))
            let history = try await client.fhir(t, .get, "/fhir/Patient/\(id)/_history", bodies: bodies)
            #expect(history.json["type"] as? String == "history")
            #expect(history.json["total"] as? Int == 2)
            #expect(history.entries.compactMap { ($0["response"] as? [String: Any])?["etag"] as? String } == ["W/\"2\"", "W/\"1\""])
            // And the core patient carries the FHIR demographics
            let (_, core) = try await client.send(t, .get, "/api/patients?identifier=\(FHIRSamples.mrnSystem)|MRN1", as: .integration)
            #expect((core as? [String: Any])?["family"] as? String == "Jansen-Smit")
            // A stale If-Match is refused
            let stale = try await client.fhir(t, .put, "/fhir/Patient/\(id)", body: FHIRSamples.patient(id: id),
                                              headers: ["If-Match": "W/\"1\""], bodies: bodies)
            #expect(stale.status == .preconditionFailed)
            #expect(stale.issueCode == "conflict")
            let missing = try await client.fhir(t, .get, "/fhir/Patient/\(id)/_history/9", bodies: bodies)
            #expect(missing.status == .notFound)
            #expect(missing.issueCode == "not-found")
        }
        try bodies.validate()
    }

    @Test func conditionalUpdateCreatesUpdatesOrRefusesMultipleMatches() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let uri = "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN7"
            let first = try await client.fhir(t, .put, uri, body: FHIRSamples.patient(mrn: "MRN7"), bodies: bodies)
            #expect(first.status == .created)
            let second = try await client.fhir(t, .put, uri, body: FHIRSamples.patient(mrn: "MRN7", family: "Bakker"), bodies: bodies)
            #expect(second.status == .ok)
            #expect(second.id == first.id)
            #expect(second.versionId == "2")
            _ = try await client.fhir(t, .put, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN8",
                                      body: FHIRSamples.patient(mrn: "MRN8", family: "Bakker"), bodies: bodies)
            let many = try await client.fhir(t, .put, "/fhir/Patient?family=bakker", body: FHIRSamples.patient(mrn: "MRN9"), bodies: bodies)
            #expect(many.status == .preconditionFailed)
            #expect(many.issueCode == "multiple-matches")
            // A second FHIR Patient for the same MRN would map onto the same core patient
            let duplicate = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(mrn: "MRN7"), bodies: bodies)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.issueCode == "duplicate")
        }
        try bodies.validate()
    }

    @Test func conditionalCreateReturnsTheMatchInsteadOfWriting() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let ifNoneExist = ["If-None-Exist": "identifier=\(FHIRSamples.mrnSystem)|MRN1"]
            let first = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(), headers: ifNoneExist, bodies: bodies)
            #expect(first.status == .created)
            let again = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(family: "Other"),
                                              headers: ifNoneExist, bodies: bodies)
            #expect(again.status == .ok)
            #expect(again.id == first.id)
            #expect(again.versionId == "1")
            _ = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(mrn: "MRN2"), bodies: bodies)
            let many = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(mrn: "MRN3"),
                                             headers: ["If-None-Exist": "family=jansen"], bodies: bodies)
            #expect(many.status == .preconditionFailed)
        }
        try bodies.validate()
    }

    @Test func searchByEachParameterWithTotalsAndNextLinks() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            var ids: [String] = []
            for (i, (family, birth)) in [("Jansen", "1970-05-01"), ("Janssens", "1982-11-30"), ("de Vries", "1990-01-15")].enumerated() {
                let r = try await client.fhir(t, .post, "/fhir/Patient",
                                              body: FHIRSamples.patient(mrn: "S\(i)", family: family, birthDate: birth), bodies: bodies)
                ids.append(try #require(r.id))
            }
            func total(_ query: String) async throws -> Int? {
                let r = try await client.fhir(t, .get, "/fhir/Patient?\(query)", as: .clinician, bodies: bodies)
                #expect(r.status == .ok, "\(query): \(r.body)")
                #expect(r.json["type"] as? String == "searchset")
                return r.json["total"] as? Int
            }
            #expect(try await total("identifier=\(FHIRSamples.mrnSystem)%7CS1") == 1)
            #expect(try await total("identifier=S2") == 1)
            #expect(try await total("identifier=\(FHIRSamples.mrnSystem)%7C") == 3)
            #expect(try await total("family=jans") == 2)
            #expect(try await total("family:exact=Jansen") == 1)
            #expect(try await total("birthdate=1982") == 1)
            #expect(try await total("birthdate=ge1980-01-01") == 2)
            #expect(try await total("birthdate=lt1980") == 1)
            #expect(try await total("_id=\(ids[0]),\(ids[2])") == 2)
            #expect(try await total("family=jans&birthdate=1970-05-01") == 1)
            // Paging: _count with a next link that works
            let page1 = try await client.fhir(t, .get, "/fhir/Patient?_count=2", bodies: bodies)
            #expect(page1.entries.count == 2)
            #expect(page1.json["total"] as? Int == 3)
            let links = page1.json["link"] as? [[String: Any]] ?? []
            let next = try #require(links.first { $0["relation"] as? String == "next" }?["url"] as? String)
            let path = String(next[next.range(of: "/fhir/")!.lowerBound...])
            let page2 = try await client.fhir(t, .get, path, bodies: bodies)
            #expect(page2.entries.count == 1)
            let seen = (page1.entries + page2.entries).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
            #expect(Set(seen) == Set(ids))
            #expect(page1.entries.first?["fullUrl"] as? String != nil)
            // Unknown parameters are refused rather than ignored
            let unknown = try await client.fhir(t, .get, "/fhir/Patient?nmae=x", bodies: bodies)
            #expect(unknown.status == .badRequest)
            #expect(unknown.issueCode == "not-supported")
        }
        try bodies.validate()
    }

    @Test func xmlInAndOutWithAcceptAndFormat() async throws {
        let t = try TestGateway()
        try await t.test { client in
            // Given a Patient sent as XML, answered as XML
            let created = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patientXML(),
                                                contentType: "application/fhir+xml", accept: "application/fhir+xml")
            #expect(created.status == .created)
            #expect(created.contentType.hasPrefix("application/fhir+xml"))
            #expect(created.body.contains("<Patient xmlns=\"http://hl7.org/fhir\">"))
            #expect(created.body.contains("<versionId value=\"1\"/>"))
            let id = try #require(created.headers[.location]?.split(separator: "/").dropLast(2).last.map(String.init))
            // _format wins over Accept
            let json = try await client.fhir(t, .get, "/fhir/Patient/\(id)?_format=json", accept: "application/fhir+xml")
            #expect(json.contentType.hasPrefix("application/fhir+json"))
            #expect(json.json["resourceType"] as? String == "Patient")
            let xml = try await client.fhir(t, .get, "/fhir/Patient/\(id)?_format=xml")
            #expect(xml.body.contains("<family value=\"Jansen\"/>"))
            // An update in XML, and errors in XML
            let updated = try await client.fhir(t, .put, "/fhir/Patient/\(id)", body: FHIRSamples.patientXML(id: id, family: "Smit"),
                                                contentType: "application/fhir+xml; charset=utf-8", accept: "application/fhir+xml")
            #expect(updated.status == .ok)
            let bad = try await client.fhir(t, .post, "/fhir/Patient", body: "<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"7\"/>",
                                            contentType: "application/fhir+xml", accept: "application/fhir+xml")
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("<OperationOutcome"))
            let gone = try await client.fhir(t, .get, "/fhir/Patient/nope", accept: "application/fhir+xml")
            #expect(gone.status == .notFound)
            #expect(gone.body.contains("<code value=\"not-found\"/>"))
            let xxe = """
                <?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Patient xmlns="http://hl7.org/fhir"><id value="&x;"/></Patient>
                """
            let refused = try await client.fhir(t, .post, "/fhir/Patient", body: xxe, contentType: "application/fhir+xml")
            #expect(refused.status == .badRequest)
            #expect(!refused.body.contains("root:"))
        }
    }

    @Test(arguments: ["application/fhir+json", "application/fhir+xml"])
    func errorsAreOperationOutcomesWithTheRightStatus(_ format: String) async throws {
        let t = try TestGateway { $0.maxJSONBytes = 4096 }
        let bodies = FHIRBodies()
        try await t.test { client in
            func check(_ r: FHIRReply, _ status: HTTPResponse.Status, _ code: String, _ line: Int = #line) {
                #expect(r.status == status, "line \(line): \(r.body)")
                #expect(r.contentType.hasPrefix(format), "line \(line)")
                if format.hasSuffix("json") {
                    #expect(r.resourceType == "OperationOutcome", "line \(line)")
                    #expect(r.issueCode == code, "line \(line): \(r.body)")
                } else {
                    #expect(r.body.contains("<OperationOutcome"), "line \(line)")
                    #expect(r.body.contains("<code value=\"\(code)\"/>"), "line \(line): \(r.body)")
                }
            }
            let id = try #require(try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient()).id)
            check(try await client.fhir(t, .post, "/fhir/Patient", body: "{\"resourceType\":\"Patient\",", accept: format, bodies: bodies),
                  .badRequest, "structure")
            check(try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(), contentType: "text/plain",
                                        accept: format, bodies: bodies), .unsupportedMediaType, "not-supported")
            check(try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(family: String(repeating: "x", count: 5000)),
                                        accept: format, bodies: bodies), .contentTooLarge, "too-long")
            check(try await client.fhir(t, .get, "/fhir/Patient/unknown", accept: format, bodies: bodies), .notFound, "not-found")
            check(try await client.fhir(t, .delete, "/fhir/Patient/\(id)", accept: format, bodies: bodies), .methodNotAllowed, "not-supported")
            check(try await client.fhir(t, .get, "/fhir/Observation/1", accept: format, bodies: bodies), .notFound, "not-supported")
            check(try await client.fhir(t, .put, "/fhir/Patient/\(id)", body: FHIRSamples.patient(id: "other"), accept: format,
                                        bodies: bodies), .badRequest, "invalid")
            check(try await client.fhir(t, .put, "/fhir/Patient/\(id)", body: FHIRSamples.patient(id: id), accept: format,
                                        headers: ["If-Match": "W/\"5\""], bodies: bodies), .preconditionFailed, "conflict")
            check(try await client.fhir(t, .post, "/fhir/Patient", body: #"{"resourceType":"Patient","name":[{"family":"X"}]}"#,
                                        accept: format, bodies: bodies), .unprocessableContent, "business-rule")
            check(try await client.fhir(t, .post, "/fhir/Patient", as: .clinician, body: FHIRSamples.patient(mrn: "Z"), accept: format,
                                        bodies: bodies), .forbidden, "forbidden")
            check(try await client.fhir(t, .get, "/fhir/Patient/\(id)", as: .communications, accept: format, bodies: bodies),
                  .forbidden, "forbidden")
            check(try await client.fhir(t, .put, "/fhir", body: "{}", accept: format, bodies: bodies), .methodNotAllowed, "not-supported")
            check(try await client.fhir(t, .post, "/fhir", body: FHIRSamples.patient(), accept: format, bodies: bodies), .badRequest, "invalid")
        }
        try bodies.validate()
    }

    @Test func preferReturnMinimalAndOperationOutcome() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let minimal = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(), headers: ["Prefer": "return=minimal"])
            #expect(minimal.status == .created)
            #expect(minimal.body.isEmpty)
            #expect(minimal.headers[.location] != nil)
            let outcome = try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(mrn: "MRN2"),
                                                headers: ["Prefer": "return=OperationOutcome"])
            #expect(outcome.status == .created)
            #expect(outcome.resourceType == "OperationOutcome")
            #expect(outcome.issueCode == "informational")
        }
    }

    @Test func aFHIRDeathHoldsThePatientsPhotos() async throws {
        let t = try TestGateway()
        try await t.test { client in
            // Given a photo of the patient, and the patient in FHIR
            let asset = try await client.upload(t, patient: "\(FHIRSamples.mrnSystem)|MRN1")["id"] as! String
            let created = try await client.fhir(t, .put, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN1",
                                                body: FHIRSamples.patient())
            #expect(created.status == .created)
            // When the EHR sends the death
            let died = try await client.fhir(t, .put, "/fhir/Patient?identifier=\(FHIRSamples.mrnSystem)%7CMRN1",
                                             body: FHIRSamples.patient(deceased: #""deceasedDateTime":"2027-01-10T08:00:00Z""#))
            #expect(died.status == .ok)
            #expect(died.json["deceasedDateTime"] as? String == "2027-01-10T08:00:00Z")
            // Then the photo waits for a human review, and the event is raised
            let (_, a) = try await client.send(t, .get, "/api/assets/\(asset)", as: .communications)
            #expect((a as? [String: Any])?["state"] as? String == "to-be-assessed")
            let (_, page) = try await client.send(t, .get, "/api/events", as: .communications)
            let types = ((page as? [String: Any])?["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types.contains("patient.deceased"))
            let (_, core) = try await client.send(t, .get, "/api/patients?identifier=\(FHIRSamples.mrnSystem)|MRN1", as: .integration)
            #expect((core as? [String: Any])?["deceased"] as? Bool == true)
        }
    }

    @Test func metadataIsBuiltFromTheRoutesAndNeedsAToken() async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let r = try await client.fhir(t, .get, "/fhir/metadata", as: .clinician, bodies: bodies)
            #expect(r.status == .ok)
            #expect(r.resourceType == "CapabilityStatement")
            #expect(r.json["fhirVersion"] as? String == "4.0.1")
            let resources = ((r.json["rest"] as? [[String: Any]])?.first?["resource"] as? [[String: Any]]) ?? []
            let patient = try #require(resources.first { $0["type"] as? String == "Patient" })
            let codes = (patient["interaction"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(Set(codes) == ["read", "vread", "history-instance", "search-type", "create", "update"])
            #expect(patient["conditionalUpdate"] as? Bool == true)
            #expect(patient["conditionalCreate"] as? Bool == true)
            #expect(Set((patient["searchParam"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
                == ["_id", "identifier", "family", "birthdate"])
            let consent = try #require(resources.first { $0["type"] as? String == "Consent" })
            #expect((consent["interaction"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "delete" })
            let xml = try await client.fhir(t, .get, "/fhir/metadata?_format=xml")
            #expect(xml.body.contains("<CapabilityStatement"))
            let anonymous = try await client.execute(uri: "/fhir/metadata", method: .get) { $0.status }
            #expect(anonymous == .unauthorized)
        }
        try bodies.validate()
    }
}
