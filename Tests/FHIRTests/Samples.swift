import FHIR
import Foundation
import Testing
import TestSupport

/// A named resource used by the parameterised codec tests.
struct Sample: Sendable, CustomTestStringConvertible {
    let name: String
    let resource: FHIRResource
    var testDescription: String { name }
}

/// Realistic resources as the gateway meets them: JSON as an EHR integration engine sends it,
/// and resources the gateway builds itself.
enum Samples {
    /// A deceased patient known under two hospital systems, with a merge link, a narrative,
    /// an extension, and primitive extensions on `birthDate` and on one `given` name.
    static let patientJSON = #"""
    {
      "resourceType": "Patient",
      "id": "pat-1001",
      "meta": {
        "versionId": "3",
        "lastUpdated": "2024-03-01T09:30:00.000+01:00",
        "profile": ["http://hl7.org/fhir/StructureDefinition/Patient"]
      },
      "text": {
        "status": "generated",
        "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Maria de Vries, <b>born</b> 12 April 1948 &amp; died 28 February 2024</p></div>"
      },
      "extension": [{
        "url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
        "valueAddress": {"city": "Utrecht", "country": "NL"}
      }],
      "identifier": [{
        "use": "official",
        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
        "system": "urn:oid:2.16.840.1.113883.2.4.3.11.999.1",
        "value": "MRN-448812"
      }, {
        "use": "secondary",
        "system": "http://fhir.nl/fhir/NamingSystem/bsn",
        "value": "999911120",
        "assigner": {"display": "Dutch government"}
      }],
      "active": true,
      "name": [{
        "use": "official",
        "family": "de Vries",
        "given": ["Maria", "J."],
        "_given": [null, {"extension": [{
          "url": "http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier",
          "valueCode": "IN"
        }]}]
      }],
      "telecom": [{"system": "phone", "value": "+31 30 123 4567", "use": "home", "rank": 1}],
      "gender": "female",
      "birthDate": "1948-04-12",
      "_birthDate": {"id": "bd", "extension": [{
        "url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
        "valueDateTime": "1948-04-12T06:15:00+01:00"
      }]},
      "deceasedDateTime": "2024-02-28T23:40:00+01:00",
      "address": [{
        "use": "home",
        "line": ["Oudegracht 12", "2nd floor"],
        "city": "Utrecht",
        "postalCode": "3511 AP",
        "country": "NL"
      }],
      "link": [{
        "other": {"reference": "Patient/pat-0977", "display": "duplicate record, merged 2023"},
        "type": "replaces"
      }]
    }
    """#

    /// A consent to publish photos on the website, intranet and in print for two years, with
    /// nested deny provisions: never on social media, and one photo not during a period.
    static let consentJSON = #"""
    {
      "resourceType": "Consent",
      "id": "consent-photo-1001",
      "status": "active",
      "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
      "category": [
        {"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]},
        {"coding": [{"system": "urn:photogate:consent-category", "code": "photo-publication"}], "text": "Quitclaim for clinical photographs"}
      ],
      "patient": {"reference": "Patient/pat-1001"},
      "dateTime": "2024-01-15T10:05:00+01:00",
      "performer": [{"reference": "Patient/pat-1001"}],
      "organization": [{"display": "St. Example Hospital"}],
      "sourceAttachment": {
        "contentType": "application/pdf",
        "url": "https://ehr.example.org/documents/quitclaim-1001.pdf",
        "title": "Signed quitclaim"
      },
      "policyRule": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN"}]},
      "verification": [{"verified": true, "verificationDate": "2024-01-15"}],
      "provision": {
        "type": "permit",
        "period": {"start": "2024-01-15", "end": "2026-01-15"},
        "actor": [{
          "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "CST"}]},
          "reference": {"display": "Communications department"}
        }],
        "action": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": "disclose"}]}],
        "purpose": [
          {"system": "urn:photogate:channel", "code": "website"},
          {"system": "urn:photogate:channel", "code": "intranet"},
          {"system": "urn:photogate:channel", "code": "print"}
        ],
        "data": [
          {"meaning": "instance", "reference": {"reference": "Media/photo-77"}},
          {"meaning": "instance", "reference": {"reference": "Media/photo-78"}}
        ],
        "provision": [{
          "type": "deny",
          "action": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": "disclose"}]}],
          "purpose": [{"system": "urn:photogate:channel", "code": "social-media"}]
        }, {
          "type": "deny",
          "period": {"start": "2024-06-01", "end": "2024-09-01"},
          "data": [{"meaning": "instance", "reference": {"reference": "Media/photo-78"}}]
        }]
      }
    }
    """#

    static var patient: Patient { try! FHIRJSON.decode(Patient.self, from: Data(patientJSON.utf8)) }
    static var consent: Consent { try! FHIRJSON.decode(Consent.self, from: Data(consentJSON.utf8)) }

    /// A clinical photograph with the JPEG inline (a 1 KB fixture).
    static var media: Media {
        let jpeg = Data(try! Fixtures.bytes("grey.jpg"))
        return Media(
            id: "photo-77",
            meta: Meta(lastUpdated: "2024-03-01T09:31:12.250Z"),
            identifier: [Identifier(system: "urn:photogate:asset", value: "a1b2c3d4")],
            status: .completed,
            type: CodeableConcept(system: "http://terminology.hl7.org/CodeSystem/media-type", code: "image", display: "Image"),
            modality: CodeableConcept(system: "http://dicom.nema.org/resources/ontology/DCM", code: "XC", display: "External-camera Photography"),
            subject: Reference(reference: "Patient/pat-1001"),
            created: .dateTime("2024-02-20T14:03:00+01:00"),
            bodySite: CodeableConcept(system: "http://snomed.info/sct", code: "368209003", display: "Right upper arm structure"),
            deviceName: "Ward camera 3",
            height: 48, width: 64,
            content: Attachment(contentType: "image/jpeg", bytes: jpeg, title: "Wound, day 3", creation: "2024-02-20T14:03:00+01:00"),
            note: [Annotation(author: .string("Nurse J. Bakker"), time: "2024-02-20T14:10:00+01:00", text: "Photo taken *before* dressing change.")]
        )
    }

    /// A transaction from an integration engine: create a patient and a consent that refers to
    /// it by `urn:uuid`, and a conditional update of another patient.
    static var transaction: FHIR.Bundle {
        let patientUUID = "urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a"
        var newPatient = Patient(identifier: [Identifier(system: "urn:oid:2.16.840.1.113883.2.4.3.11.999.1", value: "MRN-500001")],
                                 name: [HumanName(family: "Jansen", given: ["Pieter"])], gender: .male, birthDate: "1961-07-02")
        newPatient.active = true
        var consent = Samples.consent
        consent.id = nil
        consent.patient = Reference(reference: patientUUID)
        consent.performer = [Reference(reference: patientUUID)]
        let updated = Patient(id: "pat-1001", identifier: [Identifier(system: "urn:oid:2.16.840.1.113883.2.4.3.11.999.1", value: "MRN-448812")],
                              deceased: .boolean(true))
        return FHIR.Bundle(type: .transaction, entry: [
            .init(fullUrl: patientUUID, resource: .patient(newPatient),
                  request: .init(method: .post, url: "Patient", ifNoneExist: "identifier=urn:oid:2.16.840.1.113883.2.4.3.11.999.1|MRN-500001")),
            .init(fullUrl: "urn:uuid:0c3ba6a7-5d8e-4b73-a0b9-0e5c5a4b7e11", resource: .consent(consent),
                  request: .init(method: .post, url: "Consent")),
            .init(fullUrl: "https://gateway.example.org/fhir/Patient/pat-1001", resource: .patient(updated),
                  request: .init(method: .put, url: "Patient/pat-1001", ifMatch: "W/\"3\"")),
        ])
    }

    /// A FHIR message announcing a death notice, with the patient as its focus.
    static var message: FHIR.Bundle {
        let patientURL = "urn:uuid:2d5b7a52-8f0e-4c61-9c1a-3e7f1d9b6a44"
        var deceased = Patient(identifier: [Identifier(system: "urn:oid:2.16.840.1.113883.2.4.3.11.999.1", value: "MRN-448812")],
                               deceased: .dateTime("2024-02-28T23:40:00+01:00"))
        deceased.id = "pat-1001"
        let header = MessageHeader(
            id: "msg-20240229-0001",
            event: .coding(Coding(system: "urn:photogate:events", code: "patient-deceased", display: "Death notice")),
            destination: [.init(name: "PhotoGate", endpoint: "https://gateway.example.org/fhir/$process-message")],
            source: .init(name: "EHR integration engine", software: "NextGen Connect", version: "4.5", endpoint: "urn:oid:2.16.840.1.113883.2.4.3.11.999"),
            focus: [Reference(reference: patientURL)]
        )
        return .message(id: "bundle-msg-0001", identifier: Identifier(system: "urn:ietf:rfc:3986", value: "urn:uuid:8a1f0f3c-0b3e-4d0a-9f53-7a9a3f0d9b21"),
                        timestamp: "2024-02-29T07:12:44.120+01:00", header: header,
                        headerFullUrl: "urn:uuid:b1a0e0a4-3c7d-4b7e-8f7a-2a0c7c3e5d61",
                        resources: [(patientURL, .patient(deceased))])
    }

    /// The answer to ``transaction``.
    static var transactionResponse: FHIR.Bundle {
        .transactionResponse(id: "tx-resp-1", entries: [
            .created(location: "Patient/pat-5001/_history/1", etag: "W/\"1\"", lastModified: "2024-03-01T09:30:00Z"),
            .created(location: "Consent/consent-2001/_history/1", etag: "W/\"1\"", lastModified: "2024-03-01T09:30:00Z"),
            .ok(location: "Patient/pat-1001/_history/4", etag: "W/\"4\"", lastModified: "2024-03-01T09:30:00Z"),
        ], timestamp: "2024-03-01T09:30:00Z")
    }

    /// Page 1 of a Patient search.
    static var searchset: FHIR.Bundle {
        .searchset(id: "search-1", total: 2, links: [
            .init("self", "https://gateway.example.org/fhir/Patient?family=de%20Vries&_count=1"),
            .init("next", "https://gateway.example.org/fhir/Patient?family=de%20Vries&_count=1&_offset=1"),
        ], matches: [("https://gateway.example.org/fhir/Patient/pat-1001", .patient(patient))],
           outcome: OperationOutcome(issue: [.init(severity: .warning, code: .processing, diagnostics: "the _sort parameter was ignored")]),
           timestamp: "2024-03-01T09:30:00Z")
    }

    /// A publication recorded in the audit trail.
    static var auditEvent: AuditEvent {
        AuditEvent(
            id: "audit-9001",
            type: Coding(system: "http://terminology.hl7.org/CodeSystem/audit-event-type", code: "rest", display: "RESTful Operation"),
            subtype: [Coding(system: "urn:photogate:audit", code: "publish", display: "Publish rendition")],
            action: .execute,
            recorded: "2024-03-01T10:00:00.000Z",
            outcome: .success,
            purposeOfEvent: [CodeableConcept(system: "urn:photogate:channel", code: "website")],
            agent: [.init(type: CodeableConcept(system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "IRCP"),
                          who: Reference(display: "comms-token:web-team"), name: "Web team", requestor: true,
                          network: .init(address: "10.0.4.17", type: "2"))],
            source: .init(site: "PhotoGate", observer: Reference(display: "PhotoGate gateway"),
                          type: [Coding(system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "4")]),
            entity: [.init(what: Reference(reference: "Media/photo-77"),
                           type: Coding(system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "2"),
                           role: Coding(system: "http://terminology.hl7.org/CodeSystem/object-role", code: "4"),
                           detail: [.init(type: "url", value: .string("https://www.example.org/stories/recovery"))])]
        )
    }

    static var capabilityStatement: CapabilityStatement {
        CapabilityStatement(
            id: "photogate", url: "https://gateway.example.org/fhir/metadata", name: "PhotoGate", status: .active,
            date: "2024-03-01", publisher: "PhotoGate", kind: .instance,
            software: .init(name: "PhotoGate", version: "0.1.0"),
            implementation: .init(description: "PhotoGate FHIR API", url: "https://gateway.example.org/fhir"),
            fhirVersion: "4.0.1", format: ["json", "xml"],
            rest: [.init(mode: .server, security: .init(cors: false, description: "Bearer tokens"), resource: [
                .init(type: "Patient", interaction: [.init(code: .read), .init(code: .update), .init(code: .create), .init(code: .searchType)],
                      versioning: .versioned, conditionalCreate: true, conditionalUpdate: true,
                      searchParam: [.init(name: "identifier", definition: "http://hl7.org/fhir/SearchParameter/Patient-identifier", type: .token)]),
                .init(type: "Consent", interaction: [.init(code: .read), .init(code: .create), .init(code: .update)]),
            ], interaction: [.init(code: .transaction)],
               operation: [.init(name: "process-message", definition: "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message")])]
        )
    }

    static var operationOutcome: OperationOutcome {
        .error(code: .value, diagnostics: "'1948-02-30' is not a date", expression: ["Patient.birthDate"])
    }

    static var binary: Binary {
        Binary(id: "quitclaim-1001", contentType: "application/pdf", data: Data("%PDF-1.4\n%…".utf8).base64EncodedString())
    }

    /// Every sample, for the parameterised tests.
    static var all: [Sample] {
        [
            Sample(name: "Patient", resource: .patient(patient)),
            Sample(name: "Consent", resource: .consent(consent)),
            Sample(name: "Media", resource: .media(media)),
            Sample(name: "transaction Bundle", resource: .bundle(transaction)),
            Sample(name: "message Bundle", resource: .bundle(message)),
            Sample(name: "transaction-response Bundle", resource: .bundle(transactionResponse)),
            Sample(name: "searchset Bundle", resource: .bundle(searchset)),
            Sample(name: "AuditEvent", resource: .auditEvent(auditEvent)),
            Sample(name: "CapabilityStatement", resource: .capabilityStatement(capabilityStatement)),
            Sample(name: "OperationOutcome", resource: .operationOutcome(operationOutcome)),
            Sample(name: "Binary", resource: .binary(binary)),
        ]
    }
}
