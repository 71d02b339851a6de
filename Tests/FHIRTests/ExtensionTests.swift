import FHIR
import Foundation
import Testing

/// Extensions with every modelled value[x] type survive both formats (FHIR R4
/// extensibility.html).
struct ExtensionTests {
    static let values: [Extension.Value] = [
        .base64Binary("QUJD"), .boolean(false), .canonical("http://x.example/sd|1"), .code("a-b"),
        .date("2024-02"), .dateTime("2024-02-29T12:00:00-03:30"), .decimal(FHIRDecimal("-0.0010")!),
        .id("abc.1"), .instant("2024-02-29T12:00:00.5Z"), .integer(-42), .markdown("**x**\n- y"),
        .oid("urn:oid:1.2.3"), .positiveInt(7), .string("Ünïcødé ✓"), .time("07:30:00"),
        .unsignedInt(0), .uri("urn:x:y"), .url("https://x.example/a b".replacingOccurrences(of: " ", with: "%20")),
        .uuid("urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a"),
        .address(Address(use: .work, line: ["1 Main St"], city: "Town")),
        .annotation(Annotation(author: .reference(Reference(reference: "Practitioner/1")), text: "note")),
        .attachment(Attachment(contentType: "text/plain", bytes: Data("hi".utf8))),
        .codeableConcept(CodeableConcept(system: "http://snomed.info/sct", code: "1", text: "one")),
        .coding(Coding(system: "urn:s", code: "c", display: "C")),
        .contactPoint(ContactPoint(system: .email, value: "a@x.example", use: .work, rank: 2)),
        .humanName(HumanName(use: .nickname, given: ["Bo"])),
        .identifier(Identifier(use: .temp, system: "urn:s", value: "1", assigner: Reference(identifier: Identifier(value: "org")))),
        .meta(Meta(versionId: "1", tag: [Coding(system: "urn:t", code: "x")])),
        .period(Period(start: "2024", end: "2025")),
        .reference(Reference(reference: "#org1", type: "Organization")),
    ]

    @Test func everyValueTypeSurvivesBothFormats() throws {
        // Given a Patient with one extension per value type, and a complex extension
        var patient = Patient(id: "p1")
        patient.extension = Self.values.enumerated().map { Extension(url: "http://x.example/ext/\($0.offset)", value: $0.element) }
        patient.extension.append(Extension(url: "http://x.example/complex", extension: [
            Extension(url: "part", value: .string("a")), Extension(id: "e2", url: "other", value: .boolean(true)),
        ]))
        try patient.asResource.validate()
        // When it goes through JSON and XML
        let viaJSON = try FHIRJSON.decode(Patient.self, from: FHIRJSON.encode(patient))
        let viaXML = try FHIRXML.decode(Patient.self, from: try FHIRXML.encode(patient))
        // Then it is unchanged
        #expect(viaJSON == patient)
        #expect(viaXML == patient)
    }

    @Test func modifierExtensionsAreReadLikeExtensions() throws {
        let json = #"{"resourceType":"Consent","modifierExtension":[{"url":"http://x.example/override","valueBoolean":true}],"status":"active","scope":{"text":"x"},"category":[{"text":"x"}],"policyRule":{"text":"x"}}"#
        let consent = try FHIRJSON.decode(Consent.self, from: Data(json.utf8))
        #expect(consent.modifierExtension == [Extension(url: "http://x.example/override", value: .boolean(true))])
        #expect(String(decoding: FHIRJSON.encode(consent), as: UTF8.self) == json)
    }
}
