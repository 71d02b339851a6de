import FHIR
import Foundation
import Testing

/// Every sample survives JSON and XML round trips, and both formats carry the same content.
struct ResourceRoundTripTests {
    @Test(arguments: Samples.all)
    func jsonRoundTripKeepsEverything(sample: Sample) throws {
        // Given a resource, when it is written as JSON and read back
        let json = FHIRJSON.encode(sample.resource, pretty: true)
        let decoded = try FHIRJSON.decode(json)
        // Then nothing is lost and a second write gives the same bytes
        #expect(decoded == sample.resource)
        #expect(FHIRJSON.encode(decoded, pretty: true) == json)
    }

    @Test(arguments: Samples.all)
    func xmlRoundTripKeepsEverything(sample: Sample) throws {
        let xml = try FHIRXML.encode(sample.resource)
        let decoded = try FHIRXML.decode(xml)
        #expect(decoded == sample.resource)
        #expect(try FHIRXML.encode(decoded) == xml)
    }

    @Test(arguments: Samples.all)
    func jsonAndXMLAreEquivalent(sample: Sample) throws {
        // Given the JSON of a resource, when it is converted to XML and back to JSON
        let json = FHIRJSON.encode(sample.resource)
        let viaXML = try FHIRXML.decode(try FHIRXML.encode(try FHIRJSON.decode(json)))
        // Then the JSON is identical, down to number formats and member order
        #expect(FHIRJSON.encode(viaXML) == json)
    }

    @Test(arguments: Samples.all)
    func samplesAreValid(sample: Sample) throws {
        try sample.resource.validate()
    }
}
