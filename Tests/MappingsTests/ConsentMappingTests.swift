import Foundation
import Mappings
import PhotoGateCore
import TestSupport
import Testing

struct ConsentMappingTests {
    let shipped = try! SiteMappings.load(directory: Fixtures.root.appendingPathComponent("Mappings").path)
    static let channelSystem = "http://photogate.org/fhir/CodeSystem/publication-channel"
    static let category = ConsentMapping.Code(system: "http://loinc.org", code: "64292-6")

    func code(_ c: String) -> ConsentMapping.Code { .init(system: Self.channelSystem, code: c) }

    @Test func purposeCodesNameChannels() throws {
        let terms = try shipped.terms(of: ConsentCodes(categories: [Self.category], provision: .init(
            purposes: [code("website"), code("print")])))
        #expect(terms.channels == [.website, .print])
        #expect(terms.scope == .allAssets)
        #expect(terms.denies.isEmpty)
    }

    @Test func codeAndActionCodesAndNestedDenies() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000), end = start.addingTimeInterval(86_400 * 365)
        let terms = try shipped.terms(of: ConsentCodes(categories: [Self.category], provision: .init(
            codes: [code("social-media"), code("intranet")], period: Period(start: start, end: end), assetIDs: ["a1", "a2"],
            provisions: [
                .init(deny: true, codes: [code("social-media")], period: Period(start: start, end: start.addingTimeInterval(86_400))),
                .init(deny: true, assetIDs: ["a2"]),
            ])))
        #expect(terms.channels == [.intranet, .socialMedia])
        #expect(terms.scope == .assets(["a1", "a2"]))
        #expect(terms.period == Period(start: start, end: end))
        #expect(terms.denies == [
            DenyProvision(channels: [.socialMedia], assetIDs: nil, period: Period(start: start, end: start.addingTimeInterval(86_400))),
            DenyProvision(channels: nil, assetIDs: ["a2"], period: nil),
        ])
    }

    @Test func aConsentWithoutPublicationCategoryIsRefused() {
        #expect(throws: PGError.self) {
            try shipped.terms(of: ConsentCodes(categories: [.init(system: "http://loinc.org", code: "59284-0")],
                                               provision: .init(purposes: [code("website")])))
        }
    }

    @Test func aConsentNamingNoChannelPermitsOnlyTheUnspecifiedList() throws {
        let terms = try shipped.terms(of: ConsentCodes(categories: [Self.category], provision: nil))
        #expect(terms.channels.isEmpty)
    }
}
