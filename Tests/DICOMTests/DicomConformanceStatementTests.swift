import DICOM
import Foundation
import TestSupport
import Testing

/// docs/dicom-conformance.md says what the code negotiates: each table of UIDs is compared
/// with what the shim's SCP accepts.
struct DicomConformanceStatementTests {
    static let document = Fixtures.root.appendingPathComponent("docs/dicom-conformance.md")

    /// The back-quoted UIDs of the section whose heading starts with `heading`, in order.
    static func uids(under heading: String) throws -> [String] {
        let text = try String(contentsOf: document, encoding: .utf8)
        var inSection = false
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                inSection = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).hasPrefix(heading)
                continue
            }
            guard inSection, line.hasPrefix("|") else { continue }
            for part in line.split(separator: "`").enumerated() where part.offset % 2 == 1 {
                let candidate = String(part.element)
                if candidate.allSatisfy({ $0.isNumber || $0 == "." }), candidate.contains(".") { out.append(candidate) }
            }
        }
        return out
    }

    @Test func storageSOPClassesAreTheOnesTheServerAccepts() throws {
        #expect(try Self.uids(under: "2.2 Storage SOP classes") == DicomCapabilities.storageSOPClasses)
    }

    @Test func queryRetrieveAndVerificationSOPClassesMatch() throws {
        #expect(try Self.uids(under: "2.1 Verification") == DicomCapabilities.verificationSOPClasses)
        #expect(Set(try Self.uids(under: "2.3 Query/Retrieve"))
            == Set(DicomCapabilities.findSOPClasses + DicomCapabilities.retrieveSOPClasses))
    }

    @Test func transferSyntaxesAreListedInTheServersOrderOfPreference() throws {
        #expect(try Self.uids(under: "3.1 Storage") == DicomCapabilities.storageTransferSyntaxes)
        #expect(try Self.uids(under: "3.2 Verification and Query/Retrieve") == DicomCapabilities.plainTransferSyntaxes)
    }
}
