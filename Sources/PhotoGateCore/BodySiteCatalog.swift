/// The body sites PhotoGate knows, looked up by SNOMED CT code or Body Part Examined term.
///
/// The built-in subset covers the regions clinical photography uses most (skin regions,
/// limbs, face), taken from PS3.16 CID 4031 "Common Anatomic Regions" and Annex L, limited to
/// Body Part Examined terms that dciodvfy (dicom3tools) recognises, so every output validates.
/// Sites add their own through `Mappings/` (see `Mappings/README.md`).
public struct BodySiteCatalog: Sendable {
    public let sites: [BodySite]

    public init(sites: [BodySite]) { self.sites = sites }

    public func site(snomedCode: String) -> BodySite? {
        sites.first { $0.snomedCode == snomedCode }
    }

    public func site(bodyPart: String) -> BodySite? {
        let term = bodyPart.uppercased()
        return sites.first { $0.bodyPartExamined == term }
    }

    /// Resolves `--body-part NAME` or `--body-site CODE`; an unknown value is an error that
    /// lists what is known, so the user can correct it.
    public func resolve(bodyPart: String?, snomedCode: String?) throws -> BodySite? {
        if let snomedCode {
            guard let found = site(snomedCode: snomedCode) else {
                throw PGError(.unknownBodySite, "unknown SNOMED CT body site code '\(snomedCode)' (known: "
                    + sites.map(\.snomedCode).joined(separator: ", ") + ")")
            }
            if let bodyPart, found.bodyPartExamined != bodyPart.uppercased() {
                throw PGError(.unknownBodySite, "body part '\(bodyPart)' contradicts body site \(snomedCode) (\(found.meaning))")
            }
            return found
        }
        guard let bodyPart else { return nil }
        guard let found = site(bodyPart: bodyPart) else {
            throw PGError(.unknownBodySite, "unknown body part '\(bodyPart)' (known: "
                + sites.map(\.bodyPartExamined).joined(separator: ", ") + ")")
        }
        return found
    }

    /// PS3.16 CID 4031 / Annex L subset.
    public static let standard = BodySiteCatalog(sites: [
        BodySite(snomedCode: "818981001", meaning: "Abdomen", bodyPartExamined: "ABDOMEN", paired: false),
        BodySite(snomedCode: "70258002", meaning: "Ankle joint", bodyPartExamined: "ANKLE", paired: true),
        BodySite(snomedCode: "77568009", meaning: "Back", bodyPartExamined: "BACK", paired: false),
        BodySite(snomedCode: "76752008", meaning: "Breast", bodyPartExamined: "BREAST", paired: true),
        BodySite(snomedCode: "46862004", meaning: "Buttock", bodyPartExamined: "BUTTOCK", paired: true),
        BodySite(snomedCode: "43799004", meaning: "Chest", bodyPartExamined: "CHEST", paired: false),
        BodySite(snomedCode: "117590005", meaning: "Ear", bodyPartExamined: "EAR", paired: true),
        BodySite(snomedCode: "127949000", meaning: "Elbow", bodyPartExamined: "ELBOW", paired: true),
        BodySite(snomedCode: "81745001", meaning: "Eye", bodyPartExamined: "EYE", paired: true),
        BodySite(snomedCode: "89545001", meaning: "Face", bodyPartExamined: "FACE", paired: false),
        BodySite(snomedCode: "7569003", meaning: "Finger", bodyPartExamined: "FINGER", paired: true),
        BodySite(snomedCode: "56459004", meaning: "Foot", bodyPartExamined: "FOOT", paired: true),
        BodySite(snomedCode: "85562004", meaning: "Hand", bodyPartExamined: "HAND", paired: true),
        BodySite(snomedCode: "69536005", meaning: "Head", bodyPartExamined: "HEAD", paired: false),
        BodySite(snomedCode: "29836001", meaning: "Hip", bodyPartExamined: "HIP", paired: true),
        BodySite(snomedCode: "72696002", meaning: "Knee", bodyPartExamined: "KNEE", paired: true),
        BodySite(snomedCode: "30021000", meaning: "Lower leg", bodyPartExamined: "LEG", paired: true),
        BodySite(snomedCode: "45048000", meaning: "Neck", bodyPartExamined: "NECK", paired: false),
        BodySite(snomedCode: "16982005", meaning: "Shoulder", bodyPartExamined: "SHOULDER", paired: true),
        BodySite(snomedCode: "68367000", meaning: "Thigh", bodyPartExamined: "THIGH", paired: true),
        BodySite(snomedCode: "76505004", meaning: "Thumb", bodyPartExamined: "THUMB", paired: true),
        BodySite(snomedCode: "29707007", meaning: "Toe", bodyPartExamined: "TOE", paired: true),
        BodySite(snomedCode: "74670003", meaning: "Wrist joint", bodyPartExamined: "WRIST", paired: true),
    ])
}
