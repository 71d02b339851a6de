import Foundation
import Mappings
import PhotoGateCore
import TestSupport
import Testing

/// A copy of the shipped Mappings/ in a scratch directory, with one file replaced.
func mappingsDir(replacing name: String? = nil, with text: String? = nil) throws -> String {
    let dir = try Fixtures.scratchDirectory() + "/Mappings"
    try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("Mappings").path, toPath: dir)
    if let name, let text { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
}

func loadError(_ name: String, _ text: String) throws -> String {
    do {
        _ = try SiteMappings.load(directory: try mappingsDir(replacing: name, with: text))
        return "loaded without error"
    } catch let error as PGError {
        #expect(error.code == .invalidConfiguration)
        return error.message
    }
}

struct MappingFilesTests {
    @Test func theShippedMappingsLoad() throws {
        let m = try SiteMappings.load(directory: Fixtures.root.appendingPathComponent("Mappings").path)
        #expect(m.identifiers.mrnSystem == "https://hospital.example/fhir/sid/mrn")
        #expect(m.consent.allChannels.map(\.rawValue) == ["website", "intranet", "social-media", "print"])
        #expect(m.bodySites.site(bodyPart: "HAND")?.snomedCode == "85562004")
        #expect(m.death.rules.map(\.name) == ["discharge-expired", "death-indicator", "death-date"])
        #expect(m.dicom.patientIDSystem == m.identifiers.mrnSystem)
    }

    @Test(arguments: [
        // (file, content, expected "file:line: message" fragment)
        ("consent.yaml", "publicationConsent:\n  - {system: a:b, code: x}\nchanels: []\n", "consent.yaml:3: unknown key 'chanels'"),
        ("consent.yaml", """
            publicationConsent:
              - {system: a:b, code: x}
            channels:
              - name: website
                codes: [{element: purpose, system: s:c, code: web}]
              - name: website
                codes: [{element: purpose, system: s:c, code: web2}]
            """, "consent.yaml:6: channel 'website' is defined twice (first at line 4)"),
        ("consent.yaml", """
            publicationConsent:
              - {system: a:b, code: x}
            channels:
              - name: website
                codes: [{element: purpose, system: s:c, code: web}]
              - name: print
                codes:
                  - {element: purpose, system: s:c, code: web}
            """, "consent.yaml:8: purpose s:c|web is already mapped to a channel at line 5"),
        ("consent.yaml", """
            publicationConsent:
              - {system: a:b, code: x}
            channels:
              - name: website
                codes: [{element: purpose, system: s:c, code: web}]
            unspecified: [website, billboard]
            """, "consent.yaml:6: unknown channel 'billboard'"),
        ("consent.yaml", """
            publicationConsent:
              - {system: a:b, code: x}
            channels:
              - name: Web Site
                codes: [{element: purpose, system: s:c, code: web}]
            """, "consent.yaml:4: 'Web Site' is not a channel name"),
        ("identifiers.yaml", "identifiers:\n  - system: urn:a\n    hl7: [{type: MR}]\n", "identifiers.yaml:1: no identifier is marked mrn: true"),
        ("identifiers.yaml", "identifiers:\n  - system: urn:a\n    mrn: true\n  - system: urn:b\n    mrn: true\n", "more than one identifier is marked mrn: true (lines 2, 4)"),
        ("identifiers.yaml", "identifiers:\n  - system: urn:a\n    mrn: true\n    hl7: [{assigningAuthority: H}]\n  - system: urn:b\n    hl7:\n      - {assigningAuthority: H}\n",
         "identifiers.yaml:7: this HL7 assigning authority/type is already mapped to urn:a (line 2)"),
        ("identifiers.yaml", "identifiers:\n  - system: not a uri\n    mrn: true\n", "identifiers.yaml:2: system 'not a uri' must be a URI"),
        ("death.yaml", "rules:\n  - name: x\n    when:\n      - field: PID30\n        equals: Y\n", "death.yaml:4: 'PID30' is not an HL7 field reference"),
        ("death.yaml", "rules:\n  - name: x\n    when:\n      - field: PID-30\n        equals: Y\n        present: true\n",
         "death.yaml:4: a field condition needs exactly one of equals:, in:, present:"),
        ("death.yaml", "rules:\n  - name: x\n    when:\n      - event: discharge\n", "death.yaml:4: 'discharge' is not an HL7 trigger event code"),
        ("body-sites.yaml", "sites:\n  - {code: \"85562004\", meaning: Hand, bodyPart: HAND, paired: true}\n  - {code: \"85562004\", meaning: Hand, bodyPart: HANDS, paired: true}\n",
         "body-sites.yaml:3: code 85562004 is mapped twice (first at line 2)"),
        ("body-sites.yaml", "sites:\n  - {code: \"85562004\", meaning: Hand, bodyPart: hand, paired: maybe}\n", "body-sites.yaml:2: 'hand' is not a Body Part Examined defined term"),
        ("hl7-patient.yaml", "identifiers: {field: PID-3}\nname: {field: PID-5}\nbirthDate: {field: PID-7}\ngender:\n  field: PID-8\n  map: {M: man}\nmerge: {priorIdentifiers: MRG-1}\n",
         "hl7-patient.yaml:6: 'man' is not a FHIR administrative-gender"),
        ("dicom.yaml", "patientID: urn:nowhere\n", "dicom.yaml:1: 'urn:nowhere' is neither mrn nor a system listed in identifiers.yaml"),
        ("dicom.yaml", "patientID: mrn\ncharacterSet: ISO_IR 100\n", "dicom.yaml:2: characterSet must be auto or ISO_IR 192"),
        ("consent.yaml", "publicationConsent: [\n", "consent.yaml:"),
    ])
    func eachMistakeIsReportedWithFileAndLine(file: String, content: String, expected: String) throws {
        let message = try loadError(file, content)
        #expect(message.contains(expected), "got: \(message)")
    }

    @Test func aMissingFileIsNamed() throws {
        let dir = try mappingsDir()
        try FileManager.default.removeItem(atPath: dir + "/death.yaml")
        #expect(throws: PGError.self) { try SiteMappings.load(directory: dir) }
        do { _ = try SiteMappings.load(directory: dir) } catch let e as PGError { #expect(e.message.hasPrefix("death.yaml:0: missing")) }
    }
}
