import Foundation
import TestSupport
import Testing

/// The `photogate` binary as a user runs it.
struct WrapCommandTests {
    func wrap(_ photo: String, _ extra: [String] = ["--patient-id", "12345", "--patient-name", "Doe^Jane"])
        throws -> (Tool.Output, String)
    {
        let dir = try Fixtures.scratchDirectory()
        let out = try Tool.run(Tool.photogate, ["wrap", Fixtures.photo(photo), "-o", dir + "/out.dcm"] + extra)
        return (out, dir)
    }

    @Test func wrapsTheBundledSample() throws {
        let dir = try Fixtures.scratchDirectory()
        let sample = Fixtures.root.appendingPathComponent("Samples/sample-photo.jpg").path
        let out = try Tool.run(Tool.photogate, ["wrap", sample, "-o", dir + "/sample.dcm", "--patient-id", "MRN-1",
                                                "--patient-name", "Sample^Patient", "--body-part", "HAND",
                                                "--laterality", "R"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("applied EXIF orientation 6"))
        #expect(out.stdout.contains("removed: APP1 Exif"))
        let dump = try Tool.run(Tool.photogate, ["dump", dir + "/sample.dcm"])
        #expect(dump.status == 0)
        #expect(dump.stdout.contains("VLPhotographicImageStorage"))
        #expect(dump.stdout.contains("Sample^Patient"))
        #expect(dump.stdout.contains("HAND"))
    }

    @Test(arguments: [
        ("empty.jpg", "empty"),
        ("truncated.jpg", "truncated JPEG"),
        ("text.jpg", "text, not a photo"),
        ("huge-dimensions.jpg", "65535×65535"),
    ])
    func badInputGivesOneLineAndNoOutput(photo: String, problem: String) throws {
        let (out, dir) = try wrap(photo)
        #expect(out.status != 0)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(out.stderr)")
        #expect(out.stderr.contains(problem), "\(out.stderr)")
        #expect(out.stderr.contains("PG-"))
        #expect(Fixtures.listing(dir) == [])
    }

    @Test func missingPatientIDIsNamed() throws {
        let (out, dir) = try wrap("baseline-420.jpg", ["--patient-name", "Doe^Jane"])
        #expect(out.status == 64)
        #expect(out.stderr.split(separator: "\n").count == 1)
        #expect(out.stderr.contains("--patient-id"))
        #expect(Fixtures.listing(dir) == [])
    }

    @Test func invalidValuesAreNamed() throws {
        let cases: [([String], String)] = [
            (["--patient-id", "1", "--patient-name", "X", "--birth-date", "1980-01-02"], "birth date"),
            (["--patient-id", "1", "--patient-name", "X", "--sex", "Q"], "sex"),
            (["--patient-id", "1", "--patient-name", "X", "--body-part", "WING"], "unknown body part"),
            (["--patient-id", "1", "--patient-name", "X", "--laterality", "Z"], "laterality"),
            (["--patient-id", "1", "--patient-name", "X", "--uid-root", "1.02.3"], "UID root"),
        ]
        for (args, problem) in cases {
            let (out, dir) = try wrap("baseline-420.jpg", args)
            #expect(out.status != 0)
            #expect(out.stderr.contains(problem), "\(args): \(out.stderr)")
            #expect(Fixtures.listing(dir) == [])
        }
    }

    @Test func dumpRefusesANonDicomFileInOneLine() throws {
        let out = try Tool.run(Tool.photogate, ["dump", Fixtures.photo("text.jpg")])
        #expect(out.status != 0)
        #expect(out.stderr.split(separator: "\n").count == 1)
    }
}

struct ToolkitStartupTests {
    @Test func missingDataDictionaryFailsLoudlyWithoutOutput() throws {
        let dir = try Fixtures.scratchDirectory()
        let out = try Tool.run(Tool.photogate, ["wrap", Fixtures.photo("baseline-420.jpg"), "-o", dir + "/out.dcm",
                                                "--patient-id", "1", "--patient-name", "Doe^Jane"],
                               environment: ["DCMDICTPATH": dir + "/no-such-dictionary.dic"])
        #expect(out.status == 70)
        #expect(out.stderr.contains("PG-3001"))
        #expect(out.stderr.contains("data dictionary"))
        #expect(Fixtures.listing(dir) == [])
    }
}

struct MappingsCommandTests {
    let mappings = Fixtures.root.appendingPathComponent("Mappings").path
    let hl7 = Fixtures.root.appendingPathComponent("Tests/Fixtures/hl7").path

    @Test func explainShowsWhatAnHL7MessageBecomes() throws {
        let out = try Tool.run(Tool.photogate, ["mappings", "explain", "--mappings", mappings, "--hl7", hl7 + "/a03-expired-mirth.hl7"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("12345 (authority HOSPITAL, type MR) → https://hospital.example/fhir/sid/mrn [MRN]"), "\(out.stdout)")
        #expect(out.stdout.contains("death notice  yes, rule 'discharge-expired', died 2026-11-20T11:00:00Z"), "\(out.stdout)")
    }

    @Test func explainShowsWhatAFHIRConsentBecomes() throws {
        let out = try Tool.run(Tool.photogate, ["mappings", "explain", "--mappings", mappings, "--fhir", hl7 + "/consent-photo.json"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("channels      website, print"), "\(out.stdout)")
        #expect(out.stdout.contains("deny          channels print assets a-42"), "\(out.stdout)")
        #expect(out.stdout.contains("2027-07-01T00:00:00Z"), "the end date covers the whole last day: \(out.stdout)")
    }
}
