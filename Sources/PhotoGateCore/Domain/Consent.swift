import Foundation

/// FHIR R4 Consent.status (http://hl7.org/fhir/consent-state-codes).
public enum ConsentStatus: String, Sendable, Codable, CaseIterable {
    case draft, proposed, active, rejected, inactive
    case enteredInError = "entered-in-error"
}

/// What a consent covers: every photo of the patient, or only the listed assets.
public enum ConsentScope: Sendable, Equatable, Codable {
    case allAssets
    case assets([String])

    public func covers(_ assetID: String) -> Bool {
        switch self {
        case .allAssets: return true
        case .assets(let ids): return ids.contains(assetID)
        }
    }
}

/// A half-open time interval `[start, end)`; either side may be open.
public struct Period: Sendable, Equatable, Codable {
    public var start: Date?
    public var end: Date?

    public init(start: Date? = nil, end: Date? = nil) {
        self.start = start
        self.end = end
    }

    public func contains(_ t: Date) -> Bool {
        (start.map { $0 <= t } ?? true) && (end.map { t < $0 } ?? true)
    }
}

/// A nested `deny` provision (FHIR Consent.provision.provision with type deny): carves
/// channels, assets or a period out of what the consent permits. A nil field matches all.
public struct DenyProvision: Sendable, Equatable, Codable {
    public var channels: [Channel]?
    public var assetIDs: [String]?
    public var period: Period?

    public init(channels: [Channel]? = nil, assetIDs: [String]? = nil, period: Period? = nil) {
        self.channels = channels
        self.assetIDs = assetIDs
        self.period = period
    }

    public func denies(assetID: String, channel: Channel, at t: Date) -> Bool {
        (channels.map { $0.contains(channel) } ?? true)
            && (assetIDs.map { $0.contains(assetID) } ?? true)
            && (period.map { $0.contains(t) } ?? true)
    }
}

/// The quitclaim: the patient's consent to publish photos on the listed channels
/// (PRODUCT.md "Consent"; FHIR R4 Consent).
public struct Consent: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var patientID: String
    public var status: ConsentStatus
    public var scope: ConsentScope
    /// Channels the consent permits.
    public var channels: [Channel]
    public var period: Period
    public var denies: [DenyProvision]
    /// When the consent was withdrawn (status became `inactive`).
    public var withdrawnAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, patientID: String, status: ConsentStatus, scope: ConsentScope = .allAssets,
                channels: [Channel], period: Period = Period(), denies: [DenyProvision] = [],
                withdrawnAt: Date? = nil, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.patientID = patientID
        self.status = status
        self.scope = scope
        self.channels = channels
        self.period = period
        self.denies = denies
        self.withdrawnAt = withdrawnAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
