import FHIR
import Foundation
import Testing

/// Patient and Consent keep what they do not model (FHIR R4 json.html / xml.html allow a
/// server to be lenient; PhotoGate must not impoverish what the EHR sends).
struct UnknownElementTests {
    static let patientWithUnknowns = #"""
    {"resourceType":"Patient","id":"p1",
     "futureElement":{"code":"x","weight":[1.50,2]},
     "pronouns":"she/her","_pronouns":{"extension":[{"url":"http://example.org/src","valueString":"self"}]},
     "name":[{"family":"Smit","nickname":"Annie"}],
     "contained":[{"resourceType":"Organization","id":"org1","name":"Example GP"}],
     "gender":"female"}
    """#

    @Test func patientKeepsUnknownJSONMembersOnRoundTrip() throws {
        // Given a Patient with unknown members at the top, inside a name, and a contained
        // resource of a type the gateway does not model
        let patient = try FHIRJSON.decode(Patient.self, from: Data(Self.patientWithUnknowns.utf8))
        // Then they are kept
        #expect(patient.preserved.unknownElements.map(\.name) == ["contained", "futureElement", "pronouns"])
        #expect(patient.name[0].preserved.unknownElements.map(\.name) == ["nickname"])
        #expect(patient.gender == .female)
        // And written back unchanged, decimals as written
        let out = FHIRJSON.encode(patient)
        #expect(try JSONTestSupport.normalized(out) == JSONTestSupport.normalized(Data(Self.patientWithUnknowns.utf8)))
        #expect(String(decoding: out, as: UTF8.self).contains("[1.50,2]"))
    }

    @Test func patientUnknownsSurviveTheXMLRoundTrip() throws {
        let patient = try FHIRJSON.decode(Patient.self, from: Data(Self.patientWithUnknowns.utf8))
        let xml = try FHIRXML.encode(patient)
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains(#"<nickname value="Annie"/>"#))
        #expect(text.contains(#"<contained><Organization><id value="org1"/><name value="Example GP"/></Organization></contained>"#))
        let back = try FHIRXML.decode(Patient.self, from: xml)
        #expect(back.name[0].preserved.unknownElements.map(\.name) == ["nickname"])
        #expect(try FHIRXML.encode(back) == xml)
        // XML has no JSON types: an unknown number comes back as a string in JSON.
        let json = String(decoding: FHIRJSON.encode(back), as: UTF8.self)
        #expect(json.contains(#""weight":["1.50","2"]"#))
        #expect(json.contains(#""nickname":"Annie""#))
    }

    @Test func consentKeepsUnknownXMLChildren() throws {
        // Given a Consent in XML with unknown elements at the top and inside the provision
        let xml = #"""
        <Consent xmlns="http://hl7.org/fhir">
          <status value="active"/>
          <scope><coding><system value="http://terminology.hl7.org/CodeSystem/consentscope"/><code value="patient-privacy"/></coding></scope>
          <category><text value="photo publication"/></category>
          <policyRule><text value="opt-in"/></policyRule>
          <provision>
            <type value="permit"/>
            <channelHint id="c1" value="website"/>
          </provision>
          <reviewNote><author value="privacy office"/></reviewNote>
        </Consent>
        """#
        let consent = try FHIRXML.decode(Consent.self, from: Data(xml.utf8))
        #expect(consent.preserved.unknownElements.map(\.name) == ["reviewNote"])
        let provision = try #require(consent.provision)
        #expect(provision.preserved.unknownElements.first?.value == "website")
        #expect(provision.preserved.unknownElements.first?.id == "c1")
        // When written again, in either format
        let again = try FHIRXML.decode(Consent.self, from: try FHIRXML.encode(consent))
        let viaJSON = try FHIRJSON.decode(Consent.self, from: FHIRJSON.encode(consent))
        // Then the unknown elements are still there
        #expect(again == consent)
        #expect(viaJSON.preserved.unknownElements.map(\.name) == ["reviewNote"])
        #expect(viaJSON.provision?.preserved.unknownElements.first?.value == "website")
        let json = String(decoding: FHIRJSON.encode(consent), as: UTF8.self)
        #expect(json.contains(#""channelHint":"website","_channelHint":{"id":"c1"}"#))
        #expect(json.contains(#""reviewNote":{"author":"privacy office"}"#))
    }

    @Test func otherResourcesRejectUnknownElements() throws {
        let json = #"{"resourceType":"Media","status":"completed","content":{"url":"http://x.example/p.jpg"},"colour":"red"}"#
        let error = try #require(throws: FHIRError.self) { try FHIRJSON.decode(Data(json.utf8)) }
        #expect(error.issues == [FHIRIssue(.structure, path: "Media.colour", "unknown element 'colour'")])
    }

    @Test func unknownElementsInsideABundledPatientAreKept() throws {
        // The policy belongs to the resource, not the document: a Patient in a Bundle keeps its
        // unknown elements while the Bundle itself is strict.
        let json = #"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","hobby":"chess"}}]}"#
        let bundle = try FHIRJSON.decode(FHIR.Bundle.self, from: Data(json.utf8))
        #expect(bundle.resources(of: Patient.self).first?.preserved.unknownElements.first?.value == "chess")
        let strict = #"{"resourceType":"Bundle","type":"collection","hobby":"chess"}"#
        #expect(throws: FHIRError.self) { try FHIRJSON.decode(Data(strict.utf8)) }
    }
}
