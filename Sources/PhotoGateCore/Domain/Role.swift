/// Who may do what (PRODUCT.md "Roles"). Every HTTP route checks one.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// FHIR/HL7 writes, no image bytes.
    case integration
    /// Upload only.
    case uploader
    /// View the clinical stream.
    case clinician
    /// Decisions, renditions, usages, review queue.
    case communications
    /// Audit, export, erasure.
    case privacyOfficer = "privacy-officer"
    case admin
}
