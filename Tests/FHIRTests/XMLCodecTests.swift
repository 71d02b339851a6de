import FHIR
import Foundation
import Testing

/// FHIR XML details (FHIR R4 xml.html): namespace, values in attributes, element order.
struct XMLCodecTests {
    @Test func writesElementsInDefinitionOrder() throws {
        // Given a Patient whose properties were set in a different order
        var patient = Patient(id: "p1")
        patient.link = [.init(other: Reference(reference: "Patient/p0"), type: .replacedBy)]
        patient.deceased = .dateTime("2024-02-28T23:40:00+01:00")
        patient.birthDate = "1948-04-12"
        patient.gender = .female
        patient.identifier = [Identifier(system: "urn:a", value: "1"), Identifier(system: "urn:b", value: "2")]
        patient.meta = Meta(versionId: "2")
        // Then the XML follows Patient's element order
        let xml = String(decoding: try FHIRXML.encode(patient), as: UTF8.self)
        #expect(xml == #"<?xml version="1.0" encoding="UTF-8"?><Patient xmlns="http://hl7.org/fhir"><id value="p1"/><meta><versionId value="2"/></meta><identifier><system value="urn:a"/><value value="1"/></identifier><identifier><system value="urn:b"/><value value="2"/></identifier><gender value="female"/><birthDate value="1948-04-12"/><deceasedDateTime value="2024-02-28T23:40:00+01:00"/><link><other><reference value="Patient/p0"/></other><type value="replaced-by"/></link></Patient>"#)
    }

    @Test func keepsLineBreaksQuotesAndMarkupInAttributeValues() throws {
        let outcome = OperationOutcome.error(code: .invalid, diagnostics: "line 1\nline 2\t\"quoted\" <b> & 'single'\r")
        let xml = try FHIRXML.encode(outcome)
        #expect(String(decoding: xml, as: UTF8.self).contains(#"value="line 1&#xA;line 2&#x9;&quot;quoted&quot; &lt;b&gt; &amp; 'single'&#xD;""#))
        #expect(try FHIRXML.decode(OperationOutcome.self, from: xml) == outcome)
    }

    @Test func readsElementIdsAndExtensionURLsFromAttributes() throws {
        let xml = #"""
        <Patient xmlns="http://hl7.org/fhir">
          <extension url="http://x.example/flag"><valueBoolean value="true"/></extension>
          <name id="n1"><family value="Smit"/></name>
        </Patient>
        """#
        let patient = try FHIRXML.decode(Patient.self, from: Data(xml.utf8))
        #expect(patient.extension == [Extension(url: "http://x.example/flag", value: .boolean(true))])
        #expect(patient.name.first?.id == "n1")
        #expect(String(decoding: FHIRJSON.encode(patient), as: UTF8.self)
            == #"{"resourceType":"Patient","extension":[{"url":"http://x.example/flag","valueBoolean":true}],"name":[{"id":"n1","family":"Smit"}]}"#)
    }

    @Test func narrativeIsWrittenAsXHTMLAndCanonical() throws {
        let json = #"{"resourceType":"Patient","text":{"status":"generated","div":"<div xmlns='http://www.w3.org/1999/xhtml' class=\"n\"><p style='color:red'>Tom &amp; Jerry<br></br></p></div>"}}"#
        let patient = try FHIRJSON.decode(Patient.self, from: Data(json.utf8))
        #expect(patient.text?.div == #"<div xmlns="http://www.w3.org/1999/xhtml" class="n"><p style="color:red">Tom &amp; Jerry<br/></p></div>"#)
        let xml = String(decoding: try FHIRXML.encode(patient), as: UTF8.self)
        #expect(xml.contains(#"<text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml" class="n"><p style="color:red">Tom &amp; Jerry<br/></p></div></text>"#))
    }
}
