import FHIR
import Foundation
@testable import Gateway
import Testing

/// The JSON encoded before the writer runs is exactly what encoding inside it would give.
struct FHIRStampTemplateTests {
    @Test func aRenderedTemplateIsTheStampedEncoding() throws {
        let at = Date(timeIntervalSince1970: 1_764_000_000.123)
        for text in [FHIRSamples.patient(id: "client-id", extra: #","meta":{"tag":[{"code":"x"}]}"#),
                     FHIRSamples.consent(patient: "Patient/p-1")] {
            let resource = try FHIRJSON.decode(Data(text.utf8))
            let template = FHIRStampTemplate(resource, at: at)
            for (id, version) in [("a1", 1), ("0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f", 17)] {
                #expect(template.render(id: id, versionId: version) == FHIRServer.stamped(resource, id: id, versionId: version, at: at))
            }
        }
    }

    @Test func aTemplateOlderThanTheCurrentVersionIsNotUsed() throws {
        let template = FHIRStampTemplate(try FHIRJSON.decode(Data(FHIRSamples.patient().utf8)), at: Date(timeIntervalSince1970: 100))
        #expect(template.usable(after: nil) != nil)
        #expect(template.usable(after: Date(timeIntervalSince1970: 99)) != nil)
        #expect(template.usable(after: Date(timeIntervalSince1970: 101)) == nil)  // lastUpdated never goes backwards
    }
}
