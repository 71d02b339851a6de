import Foundation

/// The consent state stamped into a publication rendition as XMP (see ``XMPPacket/consent(_:)``).
///
/// This is a snapshot for the reader of the published file: it records which consent allowed
/// the publication, for which channel, and until when. Whether the rendition may be made at
/// all is decided by the consent policy before this value is built.
public struct RenditionConsent: Sendable, Equatable {
    /// The PhotoGate identifier of the photo.
    public var assetID: String
    /// The identifier of the consent that permits this publication (e.g. a FHIR Consent id).
    public var consentID: String
    /// The consent's status, e.g. `active` (FHIR R4 `Consent.status` codes).
    public var consentStatus: String
    /// The channel this rendition is made for, e.g. `website`.
    public var channel: String
    /// Every channel the consent permits.
    public var permittedChannels: [String]
    /// Start of the consent's validity, if it has one.
    public var validFrom: Date?
    /// Expiry of the consent, if it has one.
    public var validUntil: Date?
    /// When the publication decision this rendition rests on was made (the instant the
    /// consent policy was evaluated).
    public var decidedAt: Date
    /// True when the consent permits every channel without an end date; written as the PLUS
    /// model release status "Unlimited Model Releases" (MR-UMR), otherwise "Limited or
    /// Incomplete Model Releases" (MR-LMR).
    public var allChannelsUnlimited: Bool

    public init(
        assetID: String, consentID: String, consentStatus: String, channel: String,
        permittedChannels: [String], validFrom: Date?, validUntil: Date?, decidedAt: Date,
        allChannelsUnlimited: Bool
    ) {
        self.assetID = assetID
        self.consentID = consentID
        self.consentStatus = consentStatus
        self.channel = channel
        self.permittedChannels = permittedChannels
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.decidedAt = decidedAt
        self.allChannelsUnlimited = allChannelsUnlimited
    }
}
