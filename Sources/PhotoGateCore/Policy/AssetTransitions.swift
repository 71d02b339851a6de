import Foundation

/// The asset life cycle (PRODUCT.md "Asset", "What must happen") as pure functions: each
/// takes stored facts and returns new values; callers persist them.
///
/// ```
/// active ──── death notice ───▶ to-be-assessed
/// to-be-assessed ── release ──▶ active   (note, and consent for communication assets)
/// active | to-be-assessed ── archive ──▶ archived
/// archived, erased: final
/// ```
///
/// Erasure is not a review outcome and is not modelled here.
public enum AssetTransitions {
    /// A death notice (FHIR Patient.deceased[x], HL7 ADT PID-29/PID-30, A03 with PV1-36
    /// "expired"): every `active` asset of the patient goes on hold as `to-be-assessed`.
    ///
    /// - Parameters:
    ///   - assets: The patient's assets (any states).
    ///   - at: When the gateway learnt of the death; becomes each changed asset's `updatedAt`.
    /// - Returns: Only the assets that changed, in their original order.
    public static func onPatientDeceased(assets: [Asset], at: Date) -> [Asset] {
        assets.compactMap { asset in
            guard asset.state == .active else { return nil }
            var held = asset
            held.state = .toBeAssessed
            held.updatedAt = at
            return held
        }
    }

    /// A human review of an asset.
    ///
    /// - `release`: only from `to-be-assessed`; needs a non-blank note (it records the
    ///   next-of-kin's wishes) and, for a `communication` asset, at least one applicable
    ///   consent of the patient in force at `at` (see ``ConsentStanding``). The result is
    ///   `active` with `releasedAt = at`, which lifts `patient-deceased` for this asset.
    /// - `archive`: from `active` or `to-be-assessed`; the result is `archived`.
    ///
    /// Nothing leaves `archived` or `erased`.
    ///
    /// - Parameters:
    ///   - asset: The asset under review.
    ///   - action: The reviewer's choice.
    ///   - note: The reviewer's note.
    ///   - patient: The asset's patient (its `id` selects the consents).
    ///   - consents: Stored consents; others are ignored as in ``ConsentPolicy``.
    ///   - at: When the review happens; becomes `updatedAt` (and `releasedAt` on release).
    /// - Returns: The reviewed asset.
    /// - Throws: `PGError(.invalidStateTransition)` for a transition not listed above,
    ///   `PGError(.releaseRequiresNote)` for a blank note on release,
    ///   `PGError(.releaseRequiresConsent)` for a communication asset without consent in force.
    public static func review(asset: Asset, action: ReviewAction, note: String, patient: Patient,
                              consents: [Consent], at: Date) throws -> Asset {
        var reviewed = asset
        switch (action, asset.state) {
        case (.release, .toBeAssessed):
            guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw PGError(.releaseRequiresNote, "releasing asset \(asset.id) needs a note recording the next-of-kin's wishes")
            }
            if asset.stream == .communication {
                let inForce = ConsentPolicy.applicable(consents, assetID: asset.id, patientID: patient.id)
                    .contains { ConsentStanding(of: $0, at: at) == .inForce }
                guard inForce else {
                    throw PGError(.releaseRequiresConsent, "releasing asset \(asset.id) needs a consent in force")
                }
            }
            reviewed.state = .active
            reviewed.releasedAt = at
        case (.archive, .active), (.archive, .toBeAssessed):
            reviewed.state = .archived
        case (.release, _), (.archive, _):
            throw PGError(.invalidStateTransition,
                          "cannot \(action.rawValue) asset \(asset.id) in state \(asset.state.rawValue)")
        }
        reviewed.updatedAt = at
        return reviewed
    }

    /// The channels a change blocked: allowed before, no longer allowed after. Used to raise
    /// `asset.blocked` events after a consent change, a withdrawal, an expiry passing, or a
    /// death notice.
    ///
    /// All decisions are about one asset; they are paired by channel. A channel with no
    /// decision in `after` counts as no longer allowed (taking a publication down is the safe
    /// side). Channels allowed only in `after` are not reported.
    ///
    /// - Parameters:
    ///   - before: The decisions per channel before the change.
    ///   - after: The decisions per channel after the change.
    /// - Returns: The blocked channels, each once, in the order of `before`.
    public static func blockedChannels(before: [Decision], after: [Decision]) -> [Channel] {
        let allowedAfter = Set(after.filter(\.allowed).map(\.channel))
        var seen = Set<Channel>()
        return before.compactMap { decision in
            guard decision.allowed, !allowedAfter.contains(decision.channel),
                  seen.insert(decision.channel).inserted else { return nil }
            return decision.channel
        }
    }

    /// The channels a change blocked, deciding each channel before and after the change.
    ///
    /// ```swift
    /// AssetTransitions.blockedChannels(Channel.standard,
    ///     before: { ConsentPolicy.decide(asset: a, patient: p, consents: old, channel: $0, at: t) },
    ///     after: { ConsentPolicy.decide(asset: a, patient: p, consents: new, channel: $0, at: t) })
    /// ```
    ///
    /// The closures may differ in any fact, including the time (an expiry passing).
    ///
    /// - Returns: The channels of `channels` allowed before and denied after, in that order.
    public static func blockedChannels(_ channels: [Channel], before: (Channel) -> Decision,
                                       after: (Channel) -> Decision) -> [Channel] {
        blockedChannels(before: channels.map(before), after: channels.map(after))
    }
}
