/// An anatomic region a photo shows: a SNOMED CT code (coding scheme `SCT`), the matching
/// DICOM Body Part Examined defined term, and whether the part is paired (so laterality
/// must be stated). PS3.16 Annex L gives the correspondence between the two codings.
public struct BodySite: Sendable, Equatable, Hashable {
    public let snomedCode: String
    public let meaning: String
    /// Body Part Examined (0018,0015) defined term (PS3.16 Annex L).
    public let bodyPartExamined: String
    public let paired: Bool

    public init(snomedCode: String, meaning: String, bodyPartExamined: String, paired: Bool) {
        self.snomedCode = snomedCode
        self.meaning = meaning
        self.bodyPartExamined = bodyPartExamined
        self.paired = paired
    }
}

/// Laterality of the photographed part (Image Laterality (0020,0062), PS3.3 C.7.6.1):
/// `L` left, `R` right, `U` unpaired or unknown, `B` both.
public enum Laterality: String, Sendable, CaseIterable {
    case left = "L", right = "R", unknown = "U", both = "B"
}
