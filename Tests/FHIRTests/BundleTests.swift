import FHIR
import Foundation
import Testing

/// Bundles the gateway reads (transactions, messages) and builds (search results,
/// transaction responses) — FHIR R4 bundle.html, http.html, messaging.html.
struct BundleTests {
    @Test func transactionEntriesKeepTheirRequestsAndURNs() throws {
        // Given the transaction an integration engine sends, read back from JSON
        let bundle = try FHIRJSON.decode(FHIR.Bundle.self, from: FHIRJSON.encode(Samples.transaction))
        // Then the urn:uuid fullUrls, references and conditional headers are there
        #expect(bundle.type == .transaction)
        #expect(bundle.entry.map(\.request?.method) == [.post, .post, .put])
        #expect(bundle.entry[0].fullUrl == "urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a")
        #expect(bundle.entry[0].request?.ifNoneExist == "identifier=urn:oid:2.16.840.1.113883.2.4.3.11.999.1|MRN-500001")
        #expect(bundle.entry[1].resource?.as(Consent.self)?.patient?.reference == bundle.entry[0].fullUrl)
        #expect(bundle.entry[2].request?.ifMatch == #"W/"3""#)
    }

    @Test func messageStartsWithItsHeader() throws {
        let bundle = try FHIRXML.decode(FHIR.Bundle.self, from: try FHIRXML.encode(Samples.message))
        let header = try #require(bundle.messageHeader)
        #expect(header.event == .coding(Coding(system: "urn:photogate:events", code: "patient-deceased", display: "Death notice")))
        #expect(header.focus.first?.reference == bundle.entry[1].fullUrl)
        #expect(bundle.resources(of: Patient.self).first?.deceased == .dateTime("2024-02-28T23:40:00+01:00"))
        #expect(bundle.timestamp == "2024-02-29T07:12:44.120+01:00")
    }

    @Test func searchsetHasTotalLinksAndModes() throws {
        let bundle = Samples.searchset
        #expect(bundle.total == 2)
        #expect(bundle.link.map(\.relation) == ["self", "next"])
        #expect(bundle.entry.map(\.search?.mode) == [.match, .outcome])
        try bundle.asResource.validate()
    }

    @Test func transactionResponseHasOneResponsePerEntry() throws {
        let bundle = Samples.transactionResponse
        #expect(bundle.type == .transactionResponse)
        #expect(bundle.entry.map(\.response?.status) == ["201 Created", "201 Created", "200 OK"])
        #expect(bundle.entry[0].response?.location == "Patient/pat-5001/_history/1")
        try bundle.asResource.validate()
    }

    @Test func batchResponseCarriesFailuresAsOutcomes() throws {
        let bundle = FHIR.Bundle.batchResponse(entries: [
            .created(location: "Consent/c1/_history/1"),
            .failed(status: "422 Unprocessable Entity", outcome: .error(code: .businessRule, diagnostics: "consent period ended")),
        ])
        try bundle.asResource.validate()
        let back = try FHIRJSON.decode(FHIR.Bundle.self, from: FHIRJSON.encode(bundle))
        #expect(back.entry[1].response?.outcome?.as(OperationOutcome.self)?.issue.first?.code == .businessRule)
    }

    @Test func messageResponseNamesTheMessageAnswered() throws {
        let header = MessageHeader(event: .uri("urn:photogate:events:patient-deceased"),
                                   source: .init(endpoint: "https://gateway.example.org/fhir"),
                                   response: .init(identifier: "msg-20240229-0001", code: .ok))
        let back = try FHIRJSON.decode(MessageHeader.self, from: FHIRJSON.encode(header))
        #expect(back.response?.code == .ok)
        #expect(String(decoding: FHIRJSON.encode(header), as: UTF8.self).contains(#""eventUri":"urn:photogate:events:patient-deceased""#))
    }
}
