import Foundation
import GRDB
import PhotoGateCore
import Storage

/// A consent as the JSON API takes it (FHIR Consent becomes the main way in later).
public struct ConsentInput: Codable, Sendable {
    public var id: String?
    /// `system|value` of the patient.
    public var patient: String
    public var status: String
    /// Omitted or `["*"]`: every asset of the patient; else the asset ids.
    public var scope: [String]?
    public var channels: [String]
    public var start: Date?
    public var end: Date?
    public var denies: [DenyProvision]?
}

extension Gateway {
    /// Records (or replaces) a consent. Decisions change at once: assets that lose a channel
    /// raise `asset.blocked`; a consent recorded as `inactive` counts as a withdrawal.
    public func saveConsent(_ input: ConsentInput, by who: Principal) async throws -> (ConsentView, created: Bool) {
        let checked = try checkConsent(input)
        return try await writer.write { db in
            let (consent, created) = try self.applySaveConsent(db, checked, by: who)
            return (ConsentView(consent), created)
        }
    }

    /// A consent input whose values were checked (no database needed).
    struct CheckedConsent: Sendable {
        var input: ConsentInput
        var identifier: Identifier
        var status: ConsentStatus
        var channels: [Channel]
    }

    /// Checks what ``saveConsent(_:by:)`` takes, before any transaction.
    func checkConsent(_ input: ConsentInput) throws -> CheckedConsent {
        guard let identifier = Identifier(token: input.patient) else {
            throw PGError(.badRequest, "patient must be an identifier as system|value")
        }
        guard let status = ConsentStatus(rawValue: input.status) else {
            throw PGError(.badRequest, "status '\(input.status)' is not one of "
                + ConsentStatus.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let channels = input.channels.map(Channel.init(rawValue:))
        for channel in channels { try Self.checkChannel(channel, known: self.channels) }
        for deny in input.denies ?? [] { for channel in deny.channels ?? [] { try Self.checkChannel(channel, known: self.channels) } }
        if let start = input.start, let end = input.end, end <= start {
            throw PGError(.badRequest, "end must be after start")
        }
        if let id = input.id, id.isEmpty || id.count > 64 { throw PGError(.badRequest, "id must be 1-64 characters") }
        return CheckedConsent(input: input, identifier: identifier, status: status, channels: channels)
    }

    /// The body of ``saveConsent(_:by:)`` inside the caller's transaction (FHIR Consent
    /// writes, transactions and messages use it together with their own records).
    /// `patient`: the patient of `checked.identifier` when the caller has read it already.
    func applySaveConsent(_ db: Database, _ checked: CheckedConsent, patient known: Patient? = nil,
                          by who: Principal) throws -> (Consent, created: Bool) {
        let input = checked.input
        let now = clock()
        guard let patient = try known ?? PatientRepository.find(db, identifier: checked.identifier) else {
            throw PGError(.notFound, "no patient with identifier \(checked.identifier)")
        }
        let old = try input.id.flatMap { try ConsentRepository.find(db, id: $0) }
        if let old, old.patientID != patient.id {
            throw PGError(.conflict, "consent \(old.id) belongs to another patient")
        }
        let scope: ConsentScope = (input.scope == nil || input.scope == ["*"]) ? .allAssets : .assets(input.scope!)
        var consent = Consent(id: input.id ?? newID(), patientID: patient.id, status: checked.status, scope: scope,
                              channels: checked.channels, period: Period(start: input.start, end: input.end),
                              denies: input.denies ?? [], createdAt: old?.createdAt ?? now, updatedAt: now)
        // `inactive` = withdrawn (since the first time it was recorded so); any other status
        // clears the withdrawal, so a re-activated consent is not read as withdrawn.
        if checked.status == .inactive { consent.withdrawnAt = old?.withdrawnAt ?? now }
        try applyConsentChange(db, patient: patient, old: old, new: consent, by: who,
                               action: old == nil ? "consent.create" : "consent.update")
        return (consent, old == nil)
    }

    /// Withdraws a consent now: `consent.withdrawn` carries the take-down list.
    public func withdrawConsent(_ id: String, by who: Principal) async throws -> ConsentView {
        try await writer.write { db in ConsentView(try self.applyWithdrawConsent(db, id, by: who)) }
    }

    /// The body of ``withdrawConsent(_:by:)`` inside the caller's transaction.
    func applyWithdrawConsent(_ db: Database, _ id: String, by who: Principal) throws -> Consent {
        guard let old = try ConsentRepository.find(db, id: id) else { throw PGError(.notFound, "no consent \(id)") }
        guard old.status == .active else {
            throw PGError(.invalidStateTransition, "consent \(id) is \(old.status.rawValue), not active")
        }
        var consent = old
        consent.status = .inactive
        consent.withdrawnAt = clock()
        consent.updatedAt = clock()
        try applyConsentChange(db, patient: try patient(db, old.patientID), old: old, new: consent, by: who,
                               action: "consent.withdraw")
        return consent
    }

    /// Saves the consent, audits, and raises what the change implies.
    func applyConsentChange(_ db: Database, patient: Patient, old: Consent?, new consent: Consent, by who: Principal,
                            action: String) throws {
        let now = clock()
        let assets = try AssetRepository.ofPatient(db, patient.id).filter {
            consent.scope.covers($0.id) || (old?.scope.covers($0.id) ?? false)
        }
        // The decisions before and after matter only for the assets the consent covers (or
        // covered): no need to read the patient's other consents when there are none.
        let before = assets.isEmpty ? [] : try ConsentRepository.ofPatient(db, patient.id)
        try ConsentRepository.save(db, consent, leadTime: leadTime)
        let after = before.filter { $0.id != consent.id } + [consent]
        try audit(db, who, action, patient: patient.id,
                  detail: ["consent": consent.id, "status": consent.status.rawValue,
                           "channels": consent.channels.map(\.rawValue).joined(separator: ",")])
        try raiseBlocked(db, assets: assets, reason: action,
                         before: { ConsentPolicy.decide(asset: $0, patient: patient, consents: before, channel: $1, at: now) },
                         after: { ConsentPolicy.decide(asset: $0, patient: patient, consents: after, channel: $1, at: now) })
        if consent.status == .inactive && old?.status != .inactive {
            let affected = assets.filter { consent.scope.covers($0.id) }.map(\.id)
            try raise(db, .consentWithdrawn, patient: patient.id, [
                "consent": .string(consent.id),
                "assets": .array(affected.map(JSONValue.string)),
                "takeDown": try takeDownList(db, assetIDs: affected),
            ])
        }
    }

    public func consents(of identifier: Identifier, by who: Principal) async throws -> [ConsentView] {
        try await writer.write { db in
            guard let patient = try PatientRepository.find(db, identifier: identifier) else {
                throw PGError(.notFound, "no patient with identifier \(identifier)")
            }
            try self.audit(db, who, "consent.read", patient: patient.id)
            return try ConsentRepository.ofPatient(db, patient.id).map(ConsentView.init)
        }
    }
}
