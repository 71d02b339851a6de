import Foundation

/// One audit record: who did what to which patient/asset, with what outcome
/// (PRODUCT.md: every read, download, publication, share, update and erasure).
public struct AuditEntry: Sendable, Equatable, Codable {
    public var seq: Int64
    public var at: Date
    /// Token name, or `anonymous` / `system`.
    public var actor: String
    public var role: String
    /// e.g. `asset.read`, `asset.rendition`, `decision.query`, `consent.create`, `auth.denied`
    public var action: String
    public var patientID: String?
    public var assetID: String?
    /// `success`, `denied`, `failure`
    public var outcome: String
    public var detail: [String: String]

    public init(seq: Int64 = 0, at: Date, actor: String, role: String, action: String, patientID: String? = nil,
                assetID: String? = nil, outcome: String, detail: [String: String] = [:]) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.role = role
        self.action = action
        self.patientID = patientID
        self.assetID = assetID
        self.outcome = outcome
        self.detail = detail
    }
}
