import Foundation

/// A patient as the EHR knows them (PRODUCT.md "Patient").
public struct Patient: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var identifiers: [Identifier]
    /// Family name.
    public var family: String?
    public var given: [String]
    /// `YYYY-MM-DD`
    public var birthDate: String?
    /// FHIR administrative gender: male, female, other, unknown.
    public var gender: String?
    public var deceased: Bool
    /// When the patient died, if known.
    public var deceasedAt: Date?
    /// When the gateway learnt of the death; reviews after this release assets again.
    public var deceasedRecordedAt: Date?
    /// The surviving patient after a merge (HL7 A40 / FHIR Patient.link replaced-by).
    public var mergedInto: String?
    public var updatedAt: Date

    public init(id: String, identifiers: [Identifier], family: String? = nil, given: [String] = [],
                birthDate: String? = nil, gender: String? = nil, deceased: Bool = false, deceasedAt: Date? = nil,
                deceasedRecordedAt: Date? = nil, mergedInto: String? = nil, updatedAt: Date) {
        self.id = id
        self.identifiers = identifiers
        self.family = family
        self.given = given
        self.birthDate = birthDate
        self.gender = gender
        self.deceased = deceased
        self.deceasedAt = deceasedAt
        self.deceasedRecordedAt = deceasedRecordedAt
        self.mergedInto = mergedInto
        self.updatedAt = updatedAt
    }
}
