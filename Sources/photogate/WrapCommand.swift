import ArgumentParser
import Foundation
import Mappings
import PhotoGateCore
import PhotoIngest

/// `photogate wrap PHOTO -o OUT.dcm --patient-id ID --patient-name "Family^Given" …`
struct WrapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wrap",
        abstract: "Wrap a clinical photo (JPEG or PNG) as a DICOM VL Photographic Image.",
        discussion: """
        Baseline JPEG is encapsulated without re-encoding; EXIF, XMP and IPTC metadata are \
        removed and GPS is never copied; the EXIF orientation is applied. PNG is stored \
        losslessly. The output appears whole or not at all.
        """
    )

    @Argument(help: "The photo: JPEG or PNG.")
    var photo: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the DICOM file.")
    var output: String?

    @Option(help: "Patient ID (0010,0020). Required.")
    var patientID: String?

    @Option(help: "Issuer of Patient ID (0010,0021): the assigning authority.")
    var issuer: String?

    @Option(help: "Patient name as Family^Given. Required.")
    var patientName: String?

    @Option(help: "Birth date, YYYYMMDD.")
    var birthDate: String?

    @Option(help: "Sex: M, F or O.")
    var sex: String?

    @Option(help: "Body Part Examined defined term, e.g. HAND, FACE, KNEE.")
    var bodyPart: String?

    @Option(help: "Body site as a SNOMED CT code, e.g. 85562004 (Hand).")
    var bodySite: String?

    @Option(help: "Laterality: L, R or U (unknown). Paired body parts default to U.")
    var laterality: String?

    @Option(help: "What the photo shows (Series Description).")
    var description: String?

    @Option(help: "Study Instance UID to add the photo to (default: a new study).")
    var studyUID: String?

    @Option(help: "Accession number.")
    var accession: String?

    @Option(help: "Mappings directory for body sites (default: PHOTOGATE_MAPPINGS, else ./Mappings).")
    var mappings: String?

    @Option(help: "UID root for new UIDs (default: PHOTOGATE_UID_ROOT, else 2.25 UUID-derived UIDs).")
    var uidRoot: String?

    func run() throws {
        do {
            guard let output else { throw PGError(.missingRequired, "missing -o/--output (where to write the DICOM file)") }
            guard let patientID else { throw PGError(.missingRequired, "missing --patient-id (the patient's identifier)") }
            guard let patientName else { throw PGError(.missingRequired, "missing --patient-name (Family^Given)") }
            let patient = try PatientContext(patientID: patientID, issuer: issuer, patientName: patientName,
                                             birthDate: birthDate, sex: sex)
            var side: Laterality?
            if let laterality {
                guard let l = Laterality(rawValue: laterality.uppercased()), l != .both else {
                    throw PGError(.invalidAttribute, "laterality '\(laterality)' must be L, R or U")
                }
                side = l
            }
            var site: BodySite?
            if bodyPart != nil || bodySite != nil {
                let directory = MappingsCommand.directory(mappings)
                site = try SiteMappings.load(directory: directory).bodySites.resolve(bodyPart: bodyPart, snomedCode: bodySite)
            }
            let context = try PhotoContext(bodySite: site, laterality: side, description: description,
                                           studyInstanceUID: studyUID, accessionNumber: accession)
            let root = uidRoot ?? ProcessInfo.processInfo.environment["PHOTOGATE_UID_ROOT"]
            let wrapper = PhotoWrapper(uids: try DicomUIDGenerator(root: root))
            let result = try wrapper.wrap(inputPath: photo, patient: patient, photo: context, outputPath: output)
            print(Self.summary(result))
        } catch {
            throw CommandFailure.exit(error, command: "wrap")
        }
    }

    static func summary(_ r: WrapResult) -> String {
        var lines = ["wrote \(r.outputPath): VL Photographic Image, \(r.columns)x\(r.rows), transfer syntax \(r.transferSyntaxUID)",
                     "  SOP Instance UID \(r.uids.sopInstance)",
                     "  Study Instance UID \(r.uids.study)"]
        if r.orientation != .normal { lines.append("  applied EXIF orientation \(r.orientation.rawValue)") }
        if let d = r.derivation { lines.append("  derived: \(d)") }
        if !r.removed.isEmpty { lines.append("  removed: " + r.removed.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
