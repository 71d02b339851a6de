import FHIR
import Foundation
import Testing

/// One document that must be refused, and the issue it must produce.
struct BadDocument: Sendable, CustomTestStringConvertible {
    let name: String
    let format: FHIRFormat
    let text: String
    let code: IssueType
    let path: String

    init(_ name: String, json text: String, _ code: IssueType, at path: String) {
        self.name = name; self.format = .json; self.text = text; self.code = code; self.path = path
    }

    init(_ name: String, xml text: String, _ code: IssueType, at path: String) {
        self.name = name; self.format = .xml; self.text = text; self.code = code; self.path = path
    }

    var testDescription: String { "\(format.rawValue): \(name)" }
}

/// Every way decoding fails gives a structured issue: an issue-type code and the FHIRPath of
/// the element (FHIR R4 operationoutcome.html: `issue.code`, `issue.expression`).
struct DecodingErrorTests {
    static let consentHead = #""resourceType":"Consent","scope":{"text":"privacy"},"category":[{"text":"photo"}],"policyRule":{"text":"opt-in"}"#

    static let cases: [BadDocument] = [
        // JSON syntax and shape
        BadDocument("truncated JSON", json: #"{"resourceType":"Patient","#, .structure, at: ""),
        BadDocument("not an object", json: #"["Patient"]"#, .structure, at: ""),
        BadDocument("duplicate member", json: #"{"resourceType":"Patient","gender":"male","gender":"female"}"#, .structure, at: ""),
        BadDocument("lone surrogate", json: #"{"resourceType":"Patient","name":[{"family":"\ud800"}]}"#, .structure, at: ""),
        BadDocument("raw control character", json: "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"a\u{01}\"}]}", .structure, at: ""),
        BadDocument("no resourceType", json: #"{"id":"p1"}"#, .structure, at: ""),
        BadDocument("resourceType not a string", json: #"{"resourceType":5}"#, .structure, at: ""),
        BadDocument("unsupported resource type", json: #"{"resourceType":"Observation","status":"final"}"#, .notSupported, at: "Observation"),
        BadDocument("resourceType inside an element", json: #"{"resourceType":"Patient","maritalStatus":{"resourceType":"Patient","text":"x"}}"#, .structure, at: "Patient.maritalStatus"),
        // JSON representation rules
        BadDocument("null member", json: #"{"resourceType":"Patient","gender":null}"#, .structure, at: "Patient.gender"),
        BadDocument("null in an array", json: #"{"resourceType":"Patient","name":[{"given":["A",null]}]}"#, .structure, at: "Patient.name[0].given"),
        BadDocument("empty array", json: #"{"resourceType":"Patient","name":[]}"#, .structure, at: "Patient.name"),
        BadDocument("empty object", json: #"{"resourceType":"Patient","maritalStatus":{}}"#, .structure, at: "Patient.maritalStatus"),
        BadDocument("empty string", json: #"{"resourceType":"Patient","gender":""}"#, .value, at: "Patient.gender"),
        BadDocument("repeating element not an array", json: #"{"resourceType":"Patient","name":{"family":"X"}}"#, .structure, at: "Patient.name"),
        BadDocument("single element as an array", json: #"{"resourceType":"Patient","gender":["female"]}"#, .structure, at: "Patient.gender"),
        BadDocument("date as a number", json: #"{"resourceType":"Patient","birthDate":19480412}"#, .structure, at: "Patient.birthDate"),
        BadDocument("boolean as a string", json: #"{"resourceType":"Patient","active":"true"}"#, .structure, at: "Patient.active"),
        BadDocument("integer as a string", json: #"{"resourceType":"Patient","telecom":[{"value":"1","rank":"1"}]}"#, .structure, at: "Patient.telecom[0].rank"),
        BadDocument("object where a primitive goes", json: #"{"resourceType":"Patient","gender":{"text":"f"}}"#, .structure, at: "Patient.gender"),
        BadDocument("primitive where an object goes", json: #"{"resourceType":"Patient","maritalStatus":"M"}"#, .structure, at: "Patient.maritalStatus"),
        BadDocument("_given not aligned", json: #"{"resourceType":"Patient","name":[{"given":["A","B"],"_given":[null]}]}"#, .structure, at: "Patient.name[0]._given"),
        BadDocument("_birthDate not an object", json: #"{"resourceType":"Patient","birthDate":"1948","_birthDate":"x"}"#, .structure, at: "Patient._birthDate"),
        BadDocument("_name for a complex element", json: #"{"resourceType":"Patient","maritalStatus":{"text":"x"},"_maritalStatus":{"id":"m"}}"#, .structure, at: "Patient._maritalStatus"),
        BadDocument("extension url not a string", json: #"{"resourceType":"Patient","extension":[{"url":5,"valueString":"x"}]}"#, .structure, at: "Patient.extension[0].url"),
        BadDocument("element id not a string", json: #"{"resourceType":"Patient","name":[{"id":1,"family":"x"}]}"#, .structure, at: "Patient.name[0].id"),
        BadDocument("unexpected member in _birthDate", json: #"{"resourceType":"Patient","birthDate":"1948","_birthDate":{"value":"x"}}"#, .structure, at: "Patient._birthDate.value"),
        // Primitive values
        BadDocument("impossible date", json: #"{"resourceType":"Patient","birthDate":"1948-02-30"}"#, .value, at: "Patient.birthDate"),
        BadDocument("dateTime without zone", json: #"{"resourceType":"Patient","deceasedDateTime":"2024-02-28T23:40:00"}"#, .value, at: "Patient.deceasedDateTime"),
        BadDocument("instant without seconds", json: #"{"resourceType":"Bundle","type":"collection","timestamp":"2024-03-01T09:30Z"}"#, .value, at: "Bundle.timestamp"),
        BadDocument("id with a space", json: #"{"resourceType":"Patient","id":"pat 1"}"#, .value, at: "Patient.id"),
        BadDocument("code not in the value set", json: #"{"resourceType":"Patient","gender":"F"}"#, .value, at: "Patient.gender"),
        BadDocument("code with double space", json: #"{"resourceType":"Patient","maritalStatus":{"coding":[{"code":"a  b"}]}}"#, .value, at: "Patient.maritalStatus.coding[0].code"),
        BadDocument("uri with a space", json: #"{"resourceType":"Patient","identifier":[{"system":"urn:a b","value":"1"}]}"#, .value, at: "Patient.identifier[0].system"),
        BadDocument("positiveInt zero", json: #"{"resourceType":"Patient","telecom":[{"value":"1","rank":0}]}"#, .value, at: "Patient.telecom[0].rank"),
        BadDocument("integer with a fraction", json: #"{"resourceType":"Patient","multipleBirthInteger":2.0}"#, .value, at: "Patient.multipleBirthInteger"),
        BadDocument("base64 with bad characters", json: #"{"resourceType":"Binary","contentType":"image/jpeg","data":"@@@@"}"#, .value, at: "Binary.data"),
        BadDocument("decimal as a string", json: #"{"resourceType":"Media","status":"completed","duration":"1.5","content":{"url":"http://x.example"}}"#, .structure, at: "Media.duration"),
        // Cardinality, choices, extensions
        BadDocument("missing Consent.status", json: "{\(consentHead)}", .required, at: "Consent.status"),
        BadDocument("missing Consent.category", json: #"{"resourceType":"Consent","status":"active","scope":{"text":"x"},"policyRule":{"text":"x"}}"#, .required, at: "Consent.category"),
        BadDocument("link without other", json: #"{"resourceType":"Patient","link":[{"type":"replaces"}]}"#, .required, at: "Patient.link[0].other"),
        BadDocument("choice of a type not allowed", json: #"{"resourceType":"Patient","deceasedString":"yes"}"#, .structure, at: "Patient.deceasedString"),
        BadDocument("two choices at once", json: #"{"resourceType":"Patient","deceasedBoolean":true,"deceasedDateTime":"2024"}"#, .structure, at: "Patient.deceased[x]"),
        BadDocument("extension without url", json: #"{"resourceType":"Patient","extension":[{"valueString":"x"}]}"#, .required, at: "Patient.extension[0].url"),
        BadDocument("extension with value and extensions", json: #"{"resourceType":"Patient","extension":[{"url":"http://x.example","valueString":"x","extension":[{"url":"http://y.example","valueBoolean":true}]}]}"#, .invariant, at: "Patient.extension[0]"),
        BadDocument("extension value of an unknown type", json: #"{"resourceType":"Patient","extension":[{"url":"http://x.example","valueBanana":"x"}]}"#, .structure, at: "Patient.extension[0].valueBanana"),
        BadDocument("unknown element in a strict resource", json: #"{"resourceType":"Media","status":"completed","content":{"url":"http://x.example"},"colour":"red"}"#, .structure, at: "Media.colour"),
        BadDocument("unsupported contained resource", json: #"{"resourceType":"Media","status":"completed","content":{"url":"http://x.example"},"contained":[{"resourceType":"Organization","name":"x"}]}"#, .notSupported, at: "Media.contained[0]"),
        BadDocument("Consent without policy or policyRule", json: #"{"resourceType":"Consent","status":"active","scope":{"text":"x"},"category":[{"text":"x"}]}"#, .invariant, at: "Consent"),
        BadDocument("attachment data without contentType", json: #"{"resourceType":"Media","status":"completed","content":{"data":"AAAA"}}"#, .invariant, at: "Media.content"),
        // Narrative
        BadDocument("narrative with a script", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script>x</div>"}}"#, .value, at: "Patient.text.div"),
        BadDocument("narrative with an event attribute", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p onclick=\"x()\">x</p></div>"}}"#, .value, at: "Patient.text.div"),
        BadDocument("narrative javascript link", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><a href=\" javascript:x()\">x</a></div>"}}"#, .value, at: "Patient.text.div"),
        BadDocument("narrative without XHTML namespace", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div>x</div>"}}"#, .value, at: "Patient.text.div"),
        BadDocument("narrative not well-formed", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</div>"}}"#, .value, at: "Patient.text.div"),
        BadDocument("narrative with an entity", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">a&nbsp;b</div>"}}"#, .value, at: "Patient.text.div"),
        BadDocument("narrative without text", json: #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\"> </div>"}}"#, .value, at: "Patient.text.div"),
        // Bundle rules and nested resources
        BadDocument("transaction entry without request", json: #"{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient"}}]}"#, .invariant, at: "Bundle.entry[0].request"),
        BadDocument("total outside a search", json: #"{"resourceType":"Bundle","type":"collection","total":3}"#, .invariant, at: "Bundle.total"),
        BadDocument("message not starting with MessageHeader", json: #"{"resourceType":"Bundle","type":"message","entry":[{"resource":{"resourceType":"Patient"}}]}"#, .invariant, at: "Bundle.entry[0]"),
        BadDocument("duplicate fullUrl", json: #"{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a","resource":{"resourceType":"Patient"}},{"fullUrl":"urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a","resource":{"resourceType":"Patient"}}]}"#, .invariant, at: "Bundle.entry[1].fullUrl"),
        BadDocument("bad value in a bundled resource", json: #"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","gender":"x"}}]}"#, .value, at: "Bundle.entry[0].resource.ofType(Patient).gender"),
        BadDocument("unsupported bundled resource", json: #"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation"}}]}"#, .notSupported, at: "Bundle.entry[0].resource"),
        BadDocument("message response code", json: #"{"resourceType":"MessageHeader","eventUri":"urn:x","source":{"endpoint":"urn:y"},"response":{"identifier":"m1","code":"maybe"}}"#, .value, at: "MessageHeader.response.code"),
        // XML rules
        BadDocument("not well-formed XML", xml: #"<Patient xmlns="http://hl7.org/fhir"><gender value="male"></Patient>"#, .structure, at: ""),
        BadDocument("root outside the FHIR namespace", xml: #"<Patient><gender value="male"/></Patient>"#, .structure, at: ""),
        BadDocument("root not a resource", xml: #"<gender xmlns="http://hl7.org/fhir" value="male"/>"#, .structure, at: ""),
        BadDocument("unsupported XML resource", xml: #"<Observation xmlns="http://hl7.org/fhir"><status value="final"/></Observation>"#, .notSupported, at: "Observation"),
        BadDocument("element in another namespace", xml: #"<Patient xmlns="http://hl7.org/fhir"><x:gender xmlns:x="urn:x" value="male"/></Patient>"#, .structure, at: "Patient.gender"),
        BadDocument("text content", xml: #"<Patient xmlns="http://hl7.org/fhir"><gender value="male">male</gender></Patient>"#, .structure, at: "Patient.gender"),
        BadDocument("unknown attribute", xml: #"<Patient xmlns="http://hl7.org/fhir"><gender code="male"/></Patient>"#, .structure, at: "Patient.gender"),
        BadDocument("empty value attribute", xml: #"<Patient xmlns="http://hl7.org/fhir"><gender value=""/></Patient>"#, .value, at: "Patient.gender"),
        BadDocument("id attribute on a resource", xml: #"<Patient xmlns="http://hl7.org/fhir" id="p1"/>"#, .structure, at: "Patient"),
        BadDocument("repeated single element", xml: #"<Patient xmlns="http://hl7.org/fhir"><gender value="male"/><gender value="female"/></Patient>"#, .structure, at: "Patient.gender"),
        BadDocument("invalid XML value", xml: #"<Patient xmlns="http://hl7.org/fhir"><name><given value="A"/></name><birthDate value="12-04-1948"/></Patient>"#, .value, at: "Patient.birthDate"),
        BadDocument("XML narrative with a form", xml: #"<Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><form>x</form></div></text></Patient>"#, .value, at: "Patient.text.div"),
        BadDocument("div outside XHTML namespace", xml: #"<Patient xmlns="http://hl7.org/fhir"><text><status value="generated"/><div>x</div></text></Patient>"#, .structure, at: "Patient.text.div"),
    ]

    @Test(arguments: cases)
    func refusesWithAStructuredIssue(document: BadDocument) throws {
        // When the document is decoded
        let error = try #require(throws: FHIRError.self) { try document.format.decode(Data(document.text.utf8)) }
        // Then one of the issues has the expected code and path
        #expect(error.issues.contains { $0.code == document.code && $0.path == document.path }, "\(error.issues)")
        #expect(error.issues.allSatisfy { !$0.message.isEmpty && $0.severity == .error })
    }

    @Test func reportsEveryProblemNotJustTheFirst() throws {
        let json = #"{"resourceType":"Patient","gender":"F","birthDate":"1948-13-01","telecom":[{"rank":-1}]}"#
        let error = try #require(throws: FHIRError.self) { try FHIRJSON.decode(Data(json.utf8)) }
        #expect(Set(error.issues.map(\.path)) == ["Patient.gender", "Patient.birthDate", "Patient.telecom[0].rank"])
        #expect(error.codes == [.value, .value, .value])
    }

    @Test func refusesADocumentOverTheSizeLimit() throws {
        let json = Data(#"{"resourceType":"Patient","id":"p1"}"#.utf8)
        let limits = FHIRDecodingLimits(maxBytes: 16)
        let jsonError = try #require(throws: FHIRError.self) { try FHIRJSON.decode(json, limits: limits) }
        #expect(jsonError.codes == [.tooLong])
        let xml = Data(#"<Patient xmlns="http://hl7.org/fhir"><id value="p1"/></Patient>"#.utf8)
        let xmlError = try #require(throws: FHIRError.self) { try FHIRXML.decode(xml, limits: limits) }
        #expect(xmlError.codes == [.tooLong])
    }

    @Test func refusesNestingBeyondTheDepthLimit() throws {
        let deep = #"{"resourceType":"Patient","x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        let error = try #require(throws: FHIRError.self) { try FHIRJSON.decode(Data(deep.utf8)) }
        #expect(error.description.contains("deeper than 64"))
        let deepXML = #"<Patient xmlns="http://hl7.org/fhir">"# + String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100) + "</Patient>"
        let xmlError = try #require(throws: FHIRError.self) { try FHIRXML.decode(Data(deepXML.utf8)) }
        #expect(xmlError.description.contains("deeper than 64"))
    }

    @Test func refusesAResourceOfAnotherTypeThanAsked() throws {
        let error = try #require(throws: FHIRError.self) {
            try FHIRJSON.decode(Patient.self, from: FHIRJSON.encode(Samples.consent))
        }
        #expect(error.issues == [FHIRIssue(.invalid, path: "Consent", "expected a Patient resource, found a Consent")])
    }

    @Test func validateFindsBadValuesInModelsBuiltInCode() throws {
        // Given a model built in code with values FHIR does not allow
        let patient = Patient(id: "p 1", birthDate: "yesterday", link: [])
        // Then validation names each
        let error = try #require(throws: FHIRError.self) { try patient.asResource.validate() }
        #expect(error.issues.map(\.path) == ["Patient.id", "Patient.birthDate"])
        // And a narrative that is not XHTML cannot be written as XML (it would inject markup)
        var withBadText = Patient()
        withBadText.text = Narrative(status: .generated, div: #"<div xmlns="http://www.w3.org/1999/xhtml">x</div><injected/>"#)
        #expect(throws: FHIRError.self) { try FHIRXML.encode(withBadText) }
    }
}
