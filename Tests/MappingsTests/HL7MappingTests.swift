import Foundation
import Mappings
import PhotoGateCore
import TestSupport
import Testing

/// An HL7 field source from a table: "SEG-n" → repetitions of components of sub-components.
struct TableSource: HL7FieldSource {
    var triggerEvent: String?
    var fields: [String: String]

    /// Values written in HL7 syntax: `~` repetitions, `^` components, `&` sub-components.
    func repetitions(segment: String, field: Int) -> [[[String]]] {
        guard let text = fields["\(segment)-\(field)"] else { return [] }
        return text.split(separator: "~", omittingEmptySubsequences: false).map { rep in
            rep.split(separator: "^", omittingEmptySubsequences: false).map { comp in
                comp.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
            }
        }
    }
}

struct HL7MappingTests {
    let shipped = try! SiteMappings.load(directory: Fixtures.root.appendingPathComponent("Mappings").path)

    @Test func readsIdentifiersNamesAndCodedFields() {
        let adt = TableSource(triggerEvent: "A08", fields: [
            "PID-3": "12345^^^HOSPITAL^MR~999000111^^^NLMINBIZA^NI~777^^^OTHERLAB^PI",
            "PID-5": "Alias^Al^^^^^A~Doe^Jane^Marie^^^^L",
            "PID-7": "19800102",
            "PID-8": "F",
        ])
        let facts = shipped.patient(from: adt)
        #expect(facts.mrn == Identifier(system: "https://hospital.example/fhir/sid/mrn", value: "12345"))
        #expect(facts.identifiers.count == 3)
        #expect(facts.identifiers[1].system == "https://hospital.example/fhir/sid/national-id")
        #expect(facts.identifiers[2].system == "urn:photogate:hl7v2:OTHERLAB:PI")
        #expect(facts.family == "Doe" && facts.given == ["Jane", "Marie"])
        #expect(facts.birthDate == "1980-01-02")
        #expect(facts.gender == "female")
    }

    @Test(arguments: [
        ("A03 discharge with PV1-36 = 20", TableSource(triggerEvent: "A03", fields: ["PV1-36": "20", "PV1-45": "202611201015+0100"]),
         "discharge-expired", "2026-11-20T09:15:00Z"),
        ("A08 with PID-30 = Y", TableSource(triggerEvent: "A08", fields: ["PID-30": "Y", "PID-29": "20261120101500"]),
         "death-indicator", "2026-11-20T10:15:00Z"),
        ("any ADT with PID-29 only", TableSource(triggerEvent: "A31", fields: ["PID-29": "20261120"]),
         "death-date", "2026-11-20T00:00:00Z"),
    ])
    func recognisesDeathNotices(_ label: String, message: TableSource, rule: String, at: String) throws {
        let notice = try #require(shipped.deathNotice(in: message), "\(label)")
        #expect(notice.rule == rule)
        #expect(notice.deceasedAt == ISO8601DateFormatter().date(from: at))
    }

    @Test func aDischargeThatIsNotExpiredIsNoDeath() {
        #expect(shipped.deathNotice(in: TableSource(triggerEvent: "A03", fields: ["PV1-36": "01"])) == nil)
        #expect(shipped.deathNotice(in: TableSource(triggerEvent: "A08", fields: ["PID-30": "N"])) == nil)
        #expect(shipped.deathNotice(in: TableSource(triggerEvent: "A01", fields: [:])) == nil)
    }

    @Test func anotherSitesMappingChangesTheOutcomeWithoutCode() throws {
        // A site whose discharge disposition for "expired" is "EXP", and whose MRN authority is ZGT.
        let dir = try mappingsDir(replacing: "death.yaml", with: """
            rules:
              - name: expired
                when:
                  - event: [A03]
                  - field: PV1-36
                    in: [EXP, "20"]
            """)
        try """
            identifiers:
              - system: urn:oid:2.16.528.1.1007.3.3.1234
                mrn: true
                hl7: [{assigningAuthority: ZGT}]
            """.write(toFile: dir + "/identifiers.yaml", atomically: true, encoding: .utf8)
        let site = try SiteMappings.load(directory: dir)
        let message = TableSource(triggerEvent: "A03", fields: ["PV1-36": "EXP", "PID-3": "55^^^ZGT"])
        #expect(site.deathNotice(in: message)?.rule == "expired")
        #expect(shipped.deathNotice(in: message) == nil)
        #expect(site.patient(from: message).mrn?.system == "urn:oid:2.16.528.1.1007.3.3.1234")
    }

    @Test func readsHL7TimesWithAndWithoutOffsets() {
        let f = ISO8601DateFormatter()
        #expect(HL7Time.date("20261120101500-0500") == f.date(from: "2026-11-20T15:15:00Z"))
        #expect(HL7Time.date("202611201015") == f.date(from: "2026-11-20T10:15:00Z"))
        #expect(HL7Time.date("2026") == f.date(from: "2026-01-01T00:00:00Z"))
        #expect(HL7Time.date("20261320") == nil)
        #expect(HL7Time.date("hello") == nil)
        #expect(HL7Time.day("19800102123000") == "1980-01-02")
    }
}
