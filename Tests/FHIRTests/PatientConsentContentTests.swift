import FHIR
import Foundation
import Testing

/// What the gateway reads from a Patient and a Consent arrives in typed properties.
struct PatientConsentContentTests {
    @Test func patientCarriesIdentifiersDeathAndMergeLink() {
        let patient = Samples.patient
        #expect(patient.identifier.map(\.system) == ["urn:oid:2.16.840.1.113883.2.4.3.11.999.1", "http://fhir.nl/fhir/NamingSystem/bsn"])
        #expect(patient.identifier[0].type?.contains(system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR") == true)
        #expect(patient.identifier[1].assigner?.display == "Dutch government")
        #expect(patient.deceased == .dateTime("2024-02-28T23:40:00+01:00"))
        #expect(patient.link == [.init(other: Reference(reference: "Patient/pat-0977", display: "duplicate record, merged 2023"), type: .replaces)])
        #expect(patient.preserved["birthDate"]?.id == "bd")
        #expect(patient.name[0].preserved.primitiveExtensions["given"]?.map { $0 == nil } == [true, false])
    }

    @Test func consentCarriesPermitAndNestedDenies() throws {
        let consent = Samples.consent
        #expect(consent.status == .active)
        let permit = try #require(consent.provision)
        #expect(permit.type == .permit)
        #expect(permit.purpose.compactMap(\.code) == ["website", "intranet", "print"])
        #expect(permit.data.map(\.reference.reference) == ["Media/photo-77", "Media/photo-78"])
        #expect(permit.action.first?.contains(system: "http://terminology.hl7.org/CodeSystem/consentaction", code: "disclose") == true)
        #expect(permit.provision.map(\.type) == [.deny, .deny])
        #expect(permit.provision[0].purpose.first?.code == "social-media")
        #expect(permit.provision[1].period == Period(start: "2024-06-01", end: "2024-09-01"))
        #expect(consent.source == .attachment(Attachment(contentType: "application/pdf", url: "https://ehr.example.org/documents/quitclaim-1001.pdf", title: "Signed quitclaim")))
    }

    @Test func mediaCarriesThePhotoBytes() throws {
        let media = try FHIRJSON.decode(Media.self, from: FHIRJSON.encode(Samples.media))
        let jpeg = try #require(media.content.decodedData)
        #expect(jpeg.prefix(3) == Data([0xFF, 0xD8, 0xFF]))
        #expect(media.content.size == jpeg.count)
        #expect(media.created == .dateTime("2024-02-20T14:03:00+01:00"))
    }

    @Test func formatsAreNegotiatedByMediaType() throws {
        #expect(FHIRFormat(mediaType: "application/fhir+json; charset=utf-8") == .json)
        #expect(FHIRFormat(mediaType: "application/json") == .json)
        #expect(FHIRFormat(mediaType: "XML") == .xml)
        #expect(FHIRFormat(mediaType: "text/xml") == .xml)
        #expect(FHIRFormat(mediaType: "text/html") == nil)
        #expect(FHIRFormat.xml.mediaType == "application/fhir+xml")
        let patient = Samples.patient.asResource
        #expect(try FHIRFormat.xml.decode(try FHIRFormat.xml.encode(patient)) == patient)
    }
}
