import Foundation
import PhotoGateCore
import PropertyBased
import Testing

private typealias F = PolicyFixture

/// Properties of `AssetTransitions` together with `ConsentPolicy`.
struct AssetTransitionsPropertyTests {
    static let count = 200
    static let notes = Gen<String?>.element(of: ["", "  ", "\n", "Family agrees", " ok "]).map { $0! }

    @Test func afterADeathNoticeNothingIsPublished() async {
        let assets = PolicyGen.asset.array(of: 1...4).map { (assets: [Asset]) in
            assets.enumerated().map { index, asset in
                var asset = asset
                asset.id = "a\(index + 1)"
                return asset
            }
        }
        let gen = zip(assets, PolicyGen.consent.array(of: 0...4), PolicyGen.instant, PolicyGen.instant)
        await propertyCheck(count: Self.count, input: gen) { assets, consents, recordedAt, t in
            // Given a patient's assets, and a death notice recorded and applied at `recordedAt`
            let patient = F.patient(deceased: true, recordedAt: recordedAt)
            let changed = AssetTransitions.onPatientDeceased(assets: assets, at: recordedAt)
            let after = assets.map { asset in changed.first { $0.id == asset.id } ?? asset }
            // Then the changed ones were exactly the active ones, now held
            #expect(changed.count == assets.filter { $0.state == .active }.count)
            #expect(changed.allSatisfy { $0.state == .toBeAssessed && $0.updatedAt == recordedAt })
            // And no asset may be published on any channel at any time, whatever the consents
            for asset in after {
                for channel in PolicyGen.channels {
                    let decision = ConsentPolicy.decide(asset: asset, patient: patient, consents: consents,
                                                        channel: channel, at: t)
                    #expect(!decision.allowed)
                }
            }
        }
    }

    @Test func releaseAfterTheDeathWasRecordedLiftsTheHold() async {
        let gen = zip(Gen<AssetStream>.case, PolicyGen.instant, Gen.int(in: 0...10), PolicyGen.channel,
                      PolicyGen.instant)
        await propertyCheck(count: Self.count, input: gen) { stream, recordedAt, daysLater, channel, t in
            // Given a held asset of a deceased patient, with a consent for every channel
            let patient = F.patient(deceased: true, recordedAt: recordedAt)
            let consents = [F.consent(channels: PolicyGen.channels)]
            let held = F.asset(stream: stream, state: .toBeAssessed)
            // When it is released at or after the death was recorded
            let at = recordedAt.addingTimeInterval(Double(daysLater) * 86_400)
            let released = try AssetTransitions.review(asset: held, action: .release, note: "Next of kin agrees",
                                                       patient: patient, consents: consents, at: at)
            // Then neither the death nor the review holds it any more, at any time
            let decision = ConsentPolicy.decide(asset: released, patient: patient, consents: consents,
                                                channel: channel, at: t)
            #expect(released.state == .active && released.releasedAt == at)
            #expect(decision.reasons == (stream == .clinical ? [.clinicalStream] : []))
        }
    }

    @Test func nothingLeavesArchivedOrErased() async {
        let gen = zip(Gen<ReviewAction>.case, Gen.bool, PolicyGen.asset, Self.notes,
                      PolicyGen.consent.array(of: 0...3), PolicyGen.instant)
        await propertyCheck(count: Self.count, input: gen) { action, erased, asset, note, consents, at in
            // Given an archived or erased asset
            var asset = asset
            asset.state = erased ? .erased : .archived
            // When any review happens, with any note and consents
            // Then it is refused as an invalid transition
            #expect {
                try AssetTransitions.review(asset: asset, action: action, note: note, patient: F.patient(),
                                            consents: consents, at: at)
            } throws: { error in
                (error as? PGError)?.code == .invalidStateTransition
            }
        }
    }

    @Test func reviewNeverMutatesOtherFields() async {
        let gen = zip(Gen<ReviewAction>.case, PolicyGen.asset, Self.notes, PolicyGen.consent.array(of: 0...3),
                      PolicyGen.instant)
        await propertyCheck(count: Self.count, input: gen) { action, asset, note, consents, at in
            // Given any asset, review and consents
            guard let reviewed = try? AssetTransitions.review(asset: asset, action: action, note: note,
                                                              patient: F.patient(), consents: consents, at: at)
            else { return }
            // When it succeeds, Then only state, updatedAt and (on release) releasedAt change
            var expected = asset
            expected.state = action == .release ? .active : .archived
            expected.updatedAt = at
            if action == .release { expected.releasedAt = at }
            #expect(reviewed == expected)
        }
    }

    @Test func blockedChannelsWereAllowedBeforeAndAreDeniedAfter() async {
        await propertyCheck(count: Self.count, input: PolicyGen.scenario, PolicyGen.scenario) { before, after in
            // Given the same asset's facts before and after some change
            var after = after
            after.asset.id = before.asset.id
            let decide = { (s: PolicyScenario) in { (channel: Channel) -> Decision in
                var s = s
                s.channel = channel
                return s.decide()
            } }
            // When listing the blocked channels
            let blocked = AssetTransitions.blockedChannels(PolicyGen.channels, before: decide(before),
                                                           after: decide(after))
            // Then they are exactly the channels allowed before and denied after
            let expected = PolicyGen.channels.filter { decide(before)($0).allowed && !decide(after)($0).allowed }
            #expect(blocked == expected)
        }
    }
}
