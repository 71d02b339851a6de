import Foundation
import PhotoGateCore

/// JSON shapes of the `/api` routes.
public struct PatientView: Codable, Sendable, Equatable {
    public var id: String
    public var identifiers: [String]
    public var family: String?
    public var given: [String]
    public var birthDate: String?
    public var gender: String?
    public var deceased: Bool
    public var deceasedAt: Date?
    public var mergedInto: String?
    public var updatedAt: Date
    /// `unverified`: created from a received DICOM object; cleared by the first change
    /// from the EHR side.
    public var flags: [String] = []

    init(_ p: Patient, flags: [String] = []) {
        self.flags = flags
        id = p.id
        identifiers = p.identifiers.map(\.description)
        family = p.family
        given = p.given
        birthDate = p.birthDate
        gender = p.gender
        deceased = p.deceased
        deceasedAt = p.deceasedAt
        mergedInto = p.mergedInto
        updatedAt = p.updatedAt
    }
}

public struct DecisionView: Codable, Sendable, Equatable {
    public var asset: String
    public var channel: String
    public var at: Date
    public var allowed: Bool
    public var reasons: [String]
    public var consent: String?

    init(_ d: Decision) {
        asset = d.assetID
        channel = d.channel.rawValue
        at = d.at
        allowed = d.allowed
        reasons = d.reasons.map(\.rawValue)
        consent = d.consentID
    }
}

public struct ConsentView: Codable, Sendable, Equatable {
    public var id: String
    public var patient: String
    public var status: String
    /// `["*"]` for all assets of the patient, else the asset ids.
    public var scope: [String]
    public var channels: [String]
    public var start: Date?
    public var end: Date?
    public var denies: [DenyProvision]
    public var withdrawnAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    init(_ c: Consent) {
        id = c.id
        patient = c.patientID
        status = c.status.rawValue
        switch c.scope {
        case .allAssets: scope = ["*"]
        case .assets(let ids): scope = ids
        }
        channels = c.channels.map(\.rawValue)
        start = c.period.start
        end = c.period.end
        denies = c.denies
        withdrawnAt = c.withdrawnAt
        createdAt = c.createdAt
        updatedAt = c.updatedAt
    }
}

public struct AssetView: Codable, Sendable, Equatable {
    public struct DicomIDs: Codable, Sendable, Equatable {
        public var studyInstanceUID: String
        public var seriesInstanceUID: String
        public var sopInstanceUID: String
    }

    public var id: String
    public var patient: String
    public var stream: String
    public var state: String
    public var bodySite: String?
    public var laterality: String?
    public var description: String?
    public var capturedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var releasedAt: Date?
    public var contentType: String
    public var tags: [String]
    public var dicom: DicomIDs
    /// Consents that cover this asset (detail view only).
    public var consents: [ConsentView]?
    /// The decision for every channel, now (detail view only).
    public var decisions: [DecisionView]?

    init(_ a: Asset, consents: [Consent]? = nil, decisions: [Decision]? = nil) {
        id = a.id
        patient = a.patientID
        stream = a.stream.rawValue
        state = a.state.rawValue
        bodySite = a.bodySite
        laterality = a.laterality
        description = a.description
        capturedAt = a.capturedAt
        createdAt = a.createdAt
        updatedAt = a.updatedAt
        releasedAt = a.releasedAt
        contentType = a.contentType
        tags = a.tags
        dicom = DicomIDs(studyInstanceUID: a.studyInstanceUID, seriesInstanceUID: a.seriesInstanceUID,
                         sopInstanceUID: a.sopInstanceUID)
        self.consents = consents?.map(ConsentView.init)
        self.decisions = decisions?.map(DecisionView.init)
    }
}

public struct EventPage: Codable, Sendable {
    public var events: [GatewayEvent]
    /// Pass as `after` to get the next page.
    public var next: Int64
}
