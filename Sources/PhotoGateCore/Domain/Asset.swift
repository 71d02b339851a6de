import Foundation

/// Why a photo exists: `clinical` (treatment documentation, never published) or
/// `communication` (publication channels, each needing explicit consent).
public enum AssetStream: String, Sendable, Codable, CaseIterable {
    case clinical, communication
}

/// The life-cycle state of an asset (PRODUCT.md "Asset").
public enum AssetState: String, Sendable, Codable, CaseIterable {
    case active
    /// The patient died, or something needs a human decision.
    case toBeAssessed = "to-be-assessed"
    case archived
    case erased
}

/// One clinical photo.
public struct Asset: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var patientID: String
    public var stream: AssetStream
    public var state: AssetState
    /// SNOMED CT code of the body site, if known.
    public var bodySite: String?
    public var laterality: String?
    public var description: String?
    public var capturedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// Set when a human review released the asset (after a death notice or other hold).
    public var releasedAt: Date?
    public var studyInstanceUID: String
    public var seriesInstanceUID: String
    public var sopInstanceUID: String
    /// Media type of the original as received (`image/jpeg`, `image/png`).
    public var contentType: String
    /// Free tags (bulk tagging).
    public var tags: [String]

    public init(id: String, patientID: String, stream: AssetStream, state: AssetState = .active,
                bodySite: String? = nil, laterality: String? = nil, description: String? = nil,
                capturedAt: Date? = nil, createdAt: Date, updatedAt: Date? = nil, releasedAt: Date? = nil,
                studyInstanceUID: String, seriesInstanceUID: String, sopInstanceUID: String,
                contentType: String, tags: [String] = []) {
        self.id = id
        self.patientID = patientID
        self.stream = stream
        self.state = state
        self.bodySite = bodySite
        self.laterality = laterality
        self.description = description
        self.capturedAt = capturedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.releasedAt = releasedAt
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.contentType = contentType
        self.tags = tags
    }
}
