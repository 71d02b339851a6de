import Foundation
import Testing
import TestSupport

/// CI runs every default suite (all of them, DICOMweb included) against a spawned gateway,
/// through the command line an analyst uses.
struct ConformanceSpawnTests {
    @Test(.timeLimit(.minutes(10)))
    func everyDefaultSuitePassesAgainstASpawnedGateway() throws {
        let out = try Fixtures.scratchDirectory()
        let run = try Tool.run(Tool.photogate, [
            "conformance", "run", "--spawn",
            "--cases", Fixtures.root.appendingPathComponent("conformance").path,
            "--mappings", Fixtures.root.appendingPathComponent("Mappings").path,
            "--report", out + "/report", "--junit", out + "/junit.xml",
        ])
        #expect(run.status == 0, "conformance run failed:\n\(run.stderr.suffix(6000))")
        #expect(run.stderr.contains(" cases: "))
        let html = try String(contentsOfFile: out + "/report/report.html", encoding: .utf8)
        #expect(html.contains("CONFORMANT"))
        let junit = try String(contentsOfFile: out + "/junit.xml", encoding: .utf8)
        #expect(junit.contains("<testsuite name=\"hl7v2\""))
        #expect(junit.contains("<testsuite name=\"dicom\""))
        #expect(junit.contains("<testsuite name=\"dicomweb\""))
    }

    @Test func listShowsEverySuite() throws {
        let list = try Tool.run(Tool.photogate, ["conformance", "list", "--cases", Fixtures.root.appendingPathComponent("conformance").path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("hl7v2/a01-admit-creates-patient"))
        #expect(list.stdout.contains("dicomweb — "))
        #expect(list.stdout.contains("dicomweb/stow-instance"))
        #expect(!list.stdout.contains("not run by default"))
    }
}
