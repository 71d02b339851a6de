import Foundation
import Mappings
import PhotoFormats
import PhotoGateCore
import PhotoIngest
import TestSupport

/// One committed photo and what wrapping it must do.
struct WrapFixture: Sendable, CustomStringConvertible {
    enum Pixels: Sendable { case untouched, losslessTransform, reencoded, native }

    let name: String
    /// Orientation written into the fixture by make_fixtures.py (not read back through our parser).
    let orientation: ExifOrientation
    let pixels: Pixels

    var description: String { name }

    static let all: [WrapFixture] = [
        .init(name: "baseline-420.jpg", orientation: .normal, pixels: .untouched),
        .init(name: "baseline-444.jpg", orientation: .normal, pixels: .untouched),
        .init(name: "grey.jpg", orientation: .normal, pixels: .untouched),
        .init(name: "orient-3.jpg", orientation: .rotate180, pixels: .losslessTransform),
        .init(name: "orient-6.jpg", orientation: .rotate90Clockwise, pixels: .losslessTransform),
        .init(name: "orient-8.jpg", orientation: .rotate270Clockwise, pixels: .reencoded),
        .init(name: "gps-xmp-iptc.jpg", orientation: .normal, pixels: .untouched),
        .init(name: "icc.jpg", orientation: .normal, pixels: .untouched),
        .init(name: "odd-length.jpg", orientation: .normal, pixels: .untouched),
        .init(name: "progressive.jpg", orientation: .normal, pixels: .reencoded),
        .init(name: "photo.png", orientation: .normal, pixels: .native),
        .init(name: "grey.png", orientation: .normal, pixels: .native),
    ]
}

/// Wraps with fixed test context into a fresh scratch directory.
func wrapFixture(_ name: String, bodyPart: String? = "HAND", laterality: Laterality? = .left,
                 patientName: String = "Doe^Jane", limits: WrapLimits = WrapLimits())
    throws -> (result: WrapResult, dir: String)
{
    let dir = try Fixtures.scratchDirectory()
    let wrapper = PhotoWrapper(uids: try DicomUIDGenerator(root: "1.2.826.0.1.3680043.10.999"), limits: limits)
    let site = try siteMappings.bodySites.resolve(bodyPart: bodyPart, snomedCode: nil)
    let result = try wrapper.wrap(
        inputPath: Fixtures.photo(name),
        patient: try PatientContext(patientID: "12345", issuer: "HOSP", patientName: patientName,
                                    birthDate: "19800102", sex: "F"),
        photo: try PhotoContext(bodySite: site, laterality: laterality, description: "wound, day 3",
                                accessionNumber: "ACC1"),
        outputPath: dir + "/out.dcm")
    return (result, dir)
}

/// dciodvfy's complaints: every line that starts with Error or Warning.
func dciodvfyProblems(_ path: String) throws -> [String] {
    let out = try Tool.run("dciodvfy", [path])
    let problems = (out.stdout + out.stderr).split(separator: "\n").map(String.init)
        .filter { $0.hasPrefix("Error") || $0.hasPrefix("Warning") }
    return out.status == 0 ? problems : problems + ["dciodvfy exit status \(out.status)"]
}

/// The image as DCMTK decodes it (`dcmj2pnm`, DCMTK's own JPEG decoder).
func decodedByDCMTK(_ path: String) throws -> PNM {
    let pnm = path + ".pnm"
    let out = try Tool.run("dcmj2pnm", [path, pnm])
    guard out.status == 0 else { throw PGError(.internalError, "dcmj2pnm failed: \(out.stderr)") }
    guard let image = PNM(try Array(Data(contentsOf: URL(fileURLWithPath: pnm)))) else {
        throw PGError(.internalError, "dcmj2pnm wrote an unreadable PNM")
    }
    return image
}

/// The shipped mappings (Mappings/ at the repository root).
let siteMappings: SiteMappings = try! SiteMappings.load(directory: Fixtures.root.appendingPathComponent("Mappings").path)
