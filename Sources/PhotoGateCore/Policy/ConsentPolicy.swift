import Foundation

/// The publication decision (PRODUCT.md "Decision"): may this asset be published on this
/// channel at this instant? A pure function of stored facts; every publication path goes
/// through ``decide(asset:patient:consents:channel:at:)``.
///
/// The reasons, each independent of the others, so a denial lists every one that applies:
///
/// | reason | when |
/// | --- | --- |
/// | `asset-under-review` / `asset-archived` / `asset-erased` | `asset.state` is `to-be-assessed` / `archived` / `erased` |
/// | `clinical-stream` | `asset.stream == .clinical` (never published, on any channel) |
/// | `patient-deceased` | the patient is deceased and no review released the asset after the death was recorded |
/// | consent reasons | no applicable consent permits `channel` at `t` (see below) |
///
/// Consent reasons look only at the *applicable* consents: those of `patient.id` whose scope
/// covers the asset and whose ``ConsentStanding`` is defined (status `active` or `inactive`).
/// A consent *permits* when it is in force at `t`, lists `channel`, and none of its deny
/// provisions (FHIR R4 Consent.provision.provision, type `deny`) matches the asset, channel
/// and `t`. If one permits, there is no consent reason. Otherwise every one of these applies:
/// `consent-withdrawn` (some consent withdrawn at `t`), `consent-expired` (some expired at
/// `t`), `channel-not-permitted` (some in force at `t`, but not for this channel or denied by
/// a provision), and `no-consent` when none of those three does (no applicable consent, or
/// only ones whose period has not started).
public enum ConsentPolicy {
    /// Decides whether `asset` may be published on `channel` at `t`.
    ///
    /// - Parameters:
    ///   - asset: The photo.
    ///   - patient: Its patient (only `id`, `deceased` and `deceasedRecordedAt` are read).
    ///   - consents: Stored consents; those of other patients, not covering the asset, or with
    ///     a status without effect are ignored, so callers may pass more than needed.
    ///   - channel: The publication channel.
    ///   - t: The instant the decision is about.
    /// - Returns: The decision with every applicable reason; when allowed, `consentID` is the
    ///   permitting consent created first (ties broken by id), so the result does not depend
    ///   on the order of `consents`.
    public static func decide(asset: Asset, patient: Patient, consents: [Consent], channel: Channel,
                              at t: Date) -> Decision {
        var reasons: [DenialReason] = []
        switch asset.state {
        case .active: break
        case .toBeAssessed: reasons.append(.assetUnderReview)
        case .archived: reasons.append(.assetArchived)
        case .erased: reasons.append(.assetErased)
        }
        if asset.stream == .clinical { reasons.append(.clinicalStream) }
        if awaitsReviewAfterDeath(asset: asset, patient: patient) { reasons.append(.patientDeceased) }

        // One pass over the consents, no intermediate collections: a death fan-out decides
        // every channel of a thousand photos inside the transaction that answers the sender.
        var permitting: Consent?
        var (withdrawn, expired, inForce) = (false, false, false)
        for consent in consents where consent.patientID == patient.id && consent.scope.covers(asset.id) {
            switch ConsentStanding(of: consent, at: t) {
            case .withdrawn: withdrawn = true
            case .expired: expired = true
            case .inForce:
                inForce = true
                if grants(consent, assetID: asset.id, channel: channel, at: t),
                   permitting.map({ createdFirst(consent, $0) }) ?? true {
                    permitting = consent
                }
            case .pending, nil: break
            }
        }
        if permitting == nil {
            if withdrawn { reasons.append(.consentWithdrawn) }
            if expired { reasons.append(.consentExpired) }
            if inForce { reasons.append(.channelNotPermitted) }
            if !(withdrawn || expired || inForce) { reasons.append(.noConsent) }
        }
        return Decision(assetID: asset.id, channel: channel, at: t, reasons: reasons, consentID: permitting?.id)
    }

    /// True when the patient is deceased and the asset was not released by a review at or
    /// after the moment the death was recorded (a death with no recorded moment counts as
    /// recorded since always, so any release clears it). Independent of the decision time:
    /// a death notice blocks every channel until a human review.
    public static func awaitsReviewAfterDeath(asset: Asset, patient: Patient) -> Bool {
        guard patient.deceased else { return false }
        guard let releasedAt = asset.releasedAt else { return true }
        return releasedAt < (patient.deceasedRecordedAt ?? .distantPast)
    }

    /// The consents that can speak for `assetID`: those of `patientID` whose scope covers the
    /// asset, whatever their status or period, in their original order.
    public static func applicable(_ consents: [Consent], assetID: String, patientID: String) -> [Consent] {
        consents.filter { $0.patientID == patientID && $0.scope.covers(assetID) }
    }

    /// True when `consent` is in force at `t`, lists `channel`, and none of its deny
    /// provisions matches `assetID`, `channel` and `t`. Does not check patient or scope; see
    /// ``applicable(_:assetID:patientID:)``.
    public static func permits(_ consent: Consent, assetID: String, channel: Channel, at t: Date) -> Bool {
        ConsentStanding(of: consent, at: t) == .inForce && grants(consent, assetID: assetID, channel: channel, at: t)
    }

    /// `consent` lists `channel` and none of its deny provisions matches (its standing aside).
    private static func grants(_ consent: Consent, assetID: String, channel: Channel, at t: Date) -> Bool {
        consent.channels.contains(channel) && !consent.denies.contains { $0.denies(assetID: assetID, channel: channel, at: t) }
    }

    /// Orders consents by creation time, then id, so the chosen consent is stable.
    private static func createdFirst(_ a: Consent, _ b: Consent) -> Bool {
        (a.createdAt, a.id) < (b.createdAt, b.id)
    }
}
