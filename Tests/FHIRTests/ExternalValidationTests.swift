import FHIR
import Foundation
import Testing
import TestSupport

/// An outside check: the Python package fhir.resources (R4B models, pydantic) must accept
/// every resource the encoder writes. Needs `pip install fhir.resources==8.3.0`.
struct ExternalValidationTests {
    static let script = Fixtures.root.appendingPathComponent("Tests/FHIRTests/validate_fhir.py").path

    @Test func fhirResourcesAcceptsEveryEncodedSample() throws {
        // Given every sample written as JSON to a scratch directory
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String] = []
        for (i, sample) in Samples.all.enumerated() {
            let path = "\(dir)/\(i)-\(sample.name.replacingOccurrences(of: " ", with: "-")).json"
            try FHIRJSON.encode(sample.resource, pretty: true).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        // Plus the resources inside bundles on their own: fhir.resources does not check a
        // Bundle entry's resource against its type's model.
        let nested = Samples.all.compactMap { $0.resource.as(FHIR.Bundle.self) }.flatMap { bundle in
            bundle.entry.flatMap { [$0.resource, $0.response?.outcome].compactMap { $0 } }
        }
        for (i, resource) in nested.enumerated() {
            let path = "\(dir)/nested-\(i)-\(resource.resourceType).json"
            try FHIRJSON.encode(resource).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        // When the validator reads them
        let out = try Tool.run("python3", [Self.script] + paths)
        // Then it accepts all of them
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("\(paths.count) valid, 0 invalid"), "\(out.stdout)")
    }

    @Test func fhirResourcesRejectsWhatOurDecoderRejects() throws {
        // A sanity check of the validator itself: a Patient with an invalid gender fails there too.
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/bad.json"
        try Data(#"{"resourceType":"Patient","gender":7}"#.utf8).write(to: URL(fileURLWithPath: path))
        let out = try Tool.run("python3", [Self.script, path])
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        #expect(throws: FHIRError.self) { try FHIRJSON.decode(Data(contentsOf: URL(fileURLWithPath: path))) }
    }
}
