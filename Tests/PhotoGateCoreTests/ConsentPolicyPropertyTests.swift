import Foundation
import PhotoGateCore
import PropertyBased
import Testing

private typealias F = PolicyFixture

/// Properties of `ConsentPolicy.decide` over random consents (statuses, channels, scopes,
/// periods, deny provisions, withdrawals), assets (states, streams, releases), patients
/// (alive, deceased, recorded) and instants.
struct ConsentPolicyPropertyTests {
    static let count = 400

    @Test func allowedExactlyWhenNoReasons() async {
        await propertyCheck(count: Self.count, input: PolicyGen.scenario) { s in
            // Given any facts; When deciding
            let decision = s.decide()
            // Then allowed ⇔ no reasons ⇔ a permitting consent is named, and reasons are sorted and unique
            #expect(decision.allowed == decision.reasons.isEmpty)
            #expect(decision.allowed == (decision.consentID != nil))
            #expect(decision.reasons == Array(Set(decision.reasons)).sorted())
            if let id = decision.consentID {
                #expect(s.consents.contains { $0.id == id && $0.patientID == s.patient.id })
            }
        }
    }

    @Test func decisionMatchesTheWrittenRules() async {
        await propertyCheck(count: Self.count, input: PolicyGen.scenario) { s in
            // Given any facts; When deciding
            let decision = s.decide()
            // Then the reasons and the named consent are those of the rules as written
            let expected = Self.rulesAsWritten(s)
            #expect(Set(decision.reasons) == expected.reasons)
            #expect(decision.consentID == expected.consentID)
        }
    }

    @Test func decideIsDeterministicAndIgnoresConsentOrder() async {
        await propertyCheck(count: Self.count, input: PolicyGen.scenario, Gen.int(in: 0...4)) { s, k in
            // Given any facts, and the same consents reversed and rotated
            var reversed = s
            reversed.consents.reverse()
            var rotated = s
            if !s.consents.isEmpty {
                let cut = k % s.consents.count
                rotated.consents = Array(s.consents[cut...] + s.consents[..<cut])
            }
            // When deciding each; Then the decisions are identical
            let decision = s.decide()
            #expect(s.decide() == decision)
            #expect(reversed.decide() == decision)
            #expect(rotated.decide() == decision)
        }
    }

    @Test func deceasedUnreviewedPatientIsNeverAllowed() async {
        let gen = zip(PolicyGen.scenario, PolicyGen.instant, Gen.int(in: 1...20).optional)
        await propertyCheck(count: Self.count, input: gen) { s, recordedAt, releasedDaysBefore in
            // Given a deceased patient and an asset never released, or released before the death was recorded
            var s = s
            s.patient.deceased = true
            s.patient.deceasedRecordedAt = recordedAt
            s.asset.releasedAt = releasedDaysBefore.map { recordedAt.addingTimeInterval(-Double($0) * 86_400) }
            // When deciding on any channel at any time, with any consents
            let decision = s.decide()
            // Then publication is refused because of the death
            #expect(!decision.allowed)
            #expect(decision.reasons.contains(.patientDeceased))
        }
    }

    @Test func clinicalStreamIsNeverAllowed() async {
        await propertyCheck(count: Self.count, input: PolicyGen.scenario) { s in
            // Given a clinical photo, whatever its consents
            var s = s
            s.asset.stream = .clinical
            // When deciding on every channel
            for channel in PolicyGen.channels {
                s.channel = channel
                let decision = s.decide()
                // Then it is refused for being clinical
                #expect(!decision.allowed)
                #expect(decision.reasons.contains(.clinicalStream))
            }
        }
    }

    @Test func withdrawalBlocksEveryLaterDecision() async {
        let gen = zip(PolicyGen.publishableScenario, PolicyGen.consent, PolicyGen.instant, Gen.int(in: 0...40),
                      Gen.bool)
        await propertyCheck(count: Self.count, input: gen) { s, consent, withdrawnAt, daysLater, stillActive in
            // Given a consent withdrawn at w, the only consent
            var consent = consent
            consent.status = stillActive ? .active : .inactive
            consent.withdrawnAt = withdrawnAt
            var s = s
            s.consents = [consent]
            // When deciding at any t ≥ w
            s.t = withdrawnAt.addingTimeInterval(Double(daysLater) * 86_400 + (daysLater.isMultiple(of: 3) ? 0 : 0.5))
            let decision = s.decide()
            // Then publication is refused, and for the withdrawal when the consent applied
            #expect(!decision.allowed)
            if consent.patientID == s.patient.id && consent.scope.covers(s.asset.id) {
                #expect(decision.reasons == [.consentWithdrawn])
            } else {
                #expect(decision.reasons == [.noConsent])
            }
        }
    }

    @Test func expiryBlocksEveryLaterDecision() async {
        let gen = zip(PolicyGen.publishableScenario, PolicyGen.permitting(.website, assetID: "a1", at: F.day(10)),
                      Gen.int(in: 0...40))
        await propertyCheck(count: Self.count, input: gen) { s, consent, daysAfterEnd in
            // Given the only consent, permitting until its end and never withdrawn
            var consent = consent
            consent.status = .active
            consent.withdrawnAt = nil
            let end = consent.period.end ?? F.day(12)
            consent.period.end = end
            var s = s
            s.asset.id = "a1"
            s.channel = .website
            s.consents = [consent]
            // When deciding at or after its end
            s.t = end.addingTimeInterval(Double(daysAfterEnd) * 86_400)
            // Then it is refused as expired
            #expect(s.decide().reasons == [.consentExpired])
        }
    }

    @Test func permittingConsentForAPublishableAssetAllows() async {
        let gen = zip(PolicyGen.publishableScenario, PolicyGen.permitting(.socialMedia, assetID: "a2", at: F.day(7)))
        await propertyCheck(count: Self.count, input: gen) { s, consent in
            // Given an active communication asset of a living patient, and as only consent one
            // in force at t for the channel, with no deny provision matching
            var s = s
            s.asset.id = "a2"
            s.channel = .socialMedia
            s.t = F.day(7)
            s.consents = [consent]
            // When deciding
            let decision = s.decide()
            // Then publication is allowed by that consent
            #expect(decision.allowed)
            #expect(decision.consentID == consent.id)
        }
    }

    @Test func earliestCreatedPermittingConsentIsNamed() async {
        let permitting = PolicyGen.permitting(.intranet, assetID: "a1", at: F.day(10))
        let gen = zip(PolicyGen.publishableScenario, permitting, permitting, Gen.bool)
        await propertyCheck(count: Self.count, input: gen) { s, first, second, swapped in
            // Given two consents permitting this asset on this channel at t, in either order
            var s = s
            s.asset.id = "a1"
            s.channel = .intranet
            s.t = F.day(10)
            s.consents = swapped ? [second, first] : [first, second]
            // When deciding
            let decision = s.decide()
            // Then the one created first (then the smaller id) is named
            let earliest = [first, second].min { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }!
            #expect(decision.consentID == earliest.id)
        }
    }

    @Test func addingAConsentNeverRevokesAnAllowedDecision() async {
        await propertyCheck(count: Self.count, input: PolicyGen.scenario, PolicyGen.consent) { s, extra in
            // Given any facts and any further consent
            var more = s
            more.consents.append(extra)
            // When deciding with and without it
            let before = s.decide()
            let after = more.decide()
            // Then an allowed decision stays allowed, and the asset and patient reasons are unchanged
            if before.allowed { #expect(after.allowed) }
            let consentReasons: Set<DenialReason> = [.noConsent, .consentExpired, .consentWithdrawn, .channelNotPermitted]
            #expect(Set(after.reasons).subtracting(consentReasons) == Set(before.reasons).subtracting(consentReasons))
        }
    }

    @Test func addingAPermittingConsentClearsEveryConsentReason() async {
        let gen = zip(PolicyGen.scenario.map { (s: PolicyScenario) -> PolicyScenario in
            var s = s
            s.asset.id = "a1"
            s.channel = .print
            s.t = F.day(10)
            return s
        }, PolicyGen.permitting(.print, assetID: "a1", at: F.day(10)))
        await propertyCheck(count: Self.count, input: gen) { s, permitting in
            // Given any facts, and a consent permitting this asset on this channel at t
            var more = s
            more.consents.append(permitting)
            // When deciding with it
            let after = more.decide()
            // Then only the asset and patient facts can still refuse
            let consentReasons: Set<DenialReason> = [.noConsent, .consentExpired, .consentWithdrawn, .channelNotPermitted]
            #expect(Set(after.reasons) == Set(s.decide().reasons).subtracting(consentReasons))
        }
    }

    /// The rules of the brief, transcribed literally and independently of `ConsentStanding`.
    static func rulesAsWritten(_ s: PolicyScenario) -> (reasons: Set<DenialReason>, consentID: String?) {
        var reasons = Set<DenialReason>()
        if s.asset.state == .erased { reasons.insert(.assetErased) }
        if s.asset.state == .archived { reasons.insert(.assetArchived) }
        if s.asset.state == .toBeAssessed { reasons.insert(.assetUnderReview) }
        if s.asset.stream == .clinical { reasons.insert(.clinicalStream) }
        if s.patient.deceased
            && (s.asset.releasedAt == nil || s.asset.releasedAt! < (s.patient.deceasedRecordedAt ?? .distantPast)) {
            reasons.insert(.patientDeceased)
        }
        let t = s.t
        let covering = s.consents.filter {
            $0.patientID == s.patient.id && $0.scope.covers(s.asset.id) && ($0.status == .active || $0.status == .inactive)
        }
        let withdrawn = { (c: Consent) in
            (c.withdrawnAt != nil && c.withdrawnAt! <= t) || (c.status == .inactive && c.withdrawnAt == nil)
        }
        let inForce = { (c: Consent) in !withdrawn(c) && c.period.contains(t) }
        let expired = { (c: Consent) in !withdrawn(c) && c.period.end != nil && c.period.end! <= t }
        let permits = { (c: Consent) in
            inForce(c) && c.channels.contains(s.channel)
                && !c.denies.contains { $0.denies(assetID: s.asset.id, channel: s.channel, at: t) }
        }
        let permitting = covering.filter(permits).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }.first
        if permitting == nil {
            if covering.contains(where: withdrawn) { reasons.insert(.consentWithdrawn) }
            if covering.contains(where: expired) { reasons.insert(.consentExpired) }
            if covering.contains(where: inForce) { reasons.insert(.channelNotPermitted) }
            if !covering.contains(where: { withdrawn($0) || expired($0) || inForce($0) }) { reasons.insert(.noConsent) }
        }
        return (reasons, reasons.isEmpty ? permitting?.id : nil)
    }
}
