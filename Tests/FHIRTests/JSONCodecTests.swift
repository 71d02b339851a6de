import FHIR
import Foundation
import Testing

/// FHIR JSON details (FHIR R4 json.html): number formats, escapes, `_name` for primitive
/// extensions, arrays, no nulls.
struct JSONCodecTests {
    private func roundTrip(_ json: String) throws -> String {
        String(decoding: FHIRJSON.encode(try FHIRJSON.decode(Data(json.utf8))), as: UTF8.self)
    }

    @Test func decimalsAreWrittenAsTheyWereRead() throws {
        let json = #"{"resourceType":"Media","extension":[{"url":"http://x.example/a","valueDecimal":0.10},{"url":"http://x.example/b","valueDecimal":1E+3}],"status":"completed","duration":1.50,"content":{"url":"http://x.example/p.jpg"}}"#
        #expect(try roundTrip(json) == json)
    }

    @Test func readsEscapesAndWritesTheMinimalOnes() throws {
        let json = #"{"resourceType":"Patient","name":[{"family":"M\u00fcller \"Mo\" \\ \/","given":["\ud83d\ude00","tab\there"]}]}"#
        let patient = try FHIRJSON.decode(Patient.self, from: Data(json.utf8))
        #expect(patient.name[0].family == #"Müller "Mo" \ /"#)
        #expect(patient.name[0].given == ["😀", "tab\there"])
        #expect(try roundTrip(json) == #"{"resourceType":"Patient","name":[{"family":"Müller \"Mo\" \\ /","given":["😀","tab\there"]}]}"#)
    }

    @Test func escapesControlCharactersAndTheJavaScriptLineSeparators() throws {
        let patient = Patient(id: "p1", name: [HumanName(family: "a\u{01}b\u{1F}c\u{08}\u{0C}\r\n\u{2028}\u{2029}é")])
        let json = String(decoding: FHIRJSON.encode(patient), as: UTF8.self)
        #expect(json == #"{"resourceType":"Patient","id":"p1","name":[{"family":"a\u0001b\u001fc\b\f\r\n\u2028\u2029é"}]}"#)
    }

    @Test func primitiveWithOnlyAnExtensionKeepsIt() throws {
        // A birth date the sender does not know, with the reason (data-absent-reason)
        let json = #"{"resourceType":"Patient","_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/data-absent-reason","valueCode":"unknown"}]}}"#
        let patient = try FHIRJSON.decode(Patient.self, from: Data(json.utf8))
        #expect(patient.birthDate == nil)
        #expect(patient.preserved["birthDate"]?.extension.first?.value == .code("unknown"))
        #expect(try roundTrip(json) == json)
        let xml = String(decoding: try FHIRXML.encode(patient), as: UTF8.self)
        #expect(xml.contains(#"<birthDate><extension url="http://hl7.org/fhir/StructureDefinition/data-absent-reason"><valueCode value="unknown"/></extension></birthDate>"#))
        #expect(try FHIRXML.decode(Patient.self, from: Data(xml.utf8)) == patient)
    }

    @Test func writesNoNullsAndNoEmptyElements() throws {
        let patient = Patient(id: "p1", name: [HumanName(given: ["A"])], deceased: .boolean(false))
        let json = String(decoding: FHIRJSON.encode(patient), as: UTF8.self)
        #expect(json == #"{"resourceType":"Patient","id":"p1","name":[{"given":["A"]}],"deceasedBoolean":false}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() throws {
        let json = String(decoding: FHIRJSON.encode(Patient(id: "p1", gender: .other), pretty: true), as: UTF8.self)
        #expect(json == "{\n  \"resourceType\": \"Patient\",\n  \"id\": \"p1\",\n  \"gender\": \"other\"\n}")
    }

    @Test func extensionValuesOfOtherTypesAreKept() throws {
        let json = #"{"resourceType":"Media","extension":[{"url":"http://x.example/q","valueQuantity":{"value":2.50,"unit":"cm"}}],"status":"completed","content":{"url":"http://x.example/p.jpg"}}"#
        let media = try FHIRJSON.decode(Media.self, from: Data(json.utf8))
        guard case .other(let node)? = media.extension.first?.value else {
            Issue.record("expected a kept Quantity")
            return
        }
        #expect(node.name == "valueQuantity")
        #expect(try roundTrip(json) == json)
    }
}
