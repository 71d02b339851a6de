import Foundation

/// Why a publication is refused (PRODUCT.md "Decision").
public enum DenialReason: String, Sendable, Codable, CaseIterable, Comparable {
    case noConsent = "no-consent"
    case consentExpired = "consent-expired"
    case consentWithdrawn = "consent-withdrawn"
    case channelNotPermitted = "channel-not-permitted"
    case patientDeceased = "patient-deceased"
    case assetUnderReview = "asset-under-review"
    case assetArchived = "asset-archived"
    case assetErased = "asset-erased"
    case clinicalStream = "clinical-stream"

    public static func < (a: DenialReason, b: DenialReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The answer of `decide(asset, channel, at)`.
public struct Decision: Sendable, Equatable, Codable {
    public var assetID: String
    public var channel: Channel
    public var at: Date
    /// Every reason that applies, in a stable order; empty when allowed.
    public var reasons: [DenialReason]
    /// The consent that allows the publication, when allowed.
    public var consentID: String?

    public var allowed: Bool { reasons.isEmpty }

    public init(assetID: String, channel: Channel, at: Date, reasons: [DenialReason], consentID: String?) {
        self.assetID = assetID
        self.channel = channel
        self.at = at
        self.reasons = reasons.sorted()
        self.consentID = reasons.isEmpty ? consentID : nil
    }
}
