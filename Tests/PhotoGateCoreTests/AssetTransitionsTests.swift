import Foundation
import PhotoGateCore
import Testing

private typealias F = PolicyFixture

struct AssetTransitionsTests {
    /// What a review ends in: a new state, or an error code.
    enum Outcome: Equatable, Sendable {
        case state(AssetState)
        case failure(PGErrorCode)
    }

    static let deceased = F.patient(deceased: true, recordedAt: F.day(5))
    static let reviewedAt = F.day(8)

    // MARK: death notice

    @Test func deathNoticePutsOnlyActiveAssetsOnHold() {
        // Given a patient's assets in every state
        let assets = AssetState.allCases.enumerated().map { index, state in
            F.asset(id: "a\(index)", stream: index.isMultiple(of: 2) ? .clinical : .communication, state: state)
        } + [F.asset(id: "a9", state: .active)]
        // When the death notice arrives on day 5
        let changed = AssetTransitions.onPatientDeceased(assets: assets, at: F.day(5))
        // Then exactly the active ones, of both streams, are returned, held and stamped
        #expect(changed.map(\.id) == ["a0", "a9"])
        #expect(changed.allSatisfy { $0.state == .toBeAssessed && $0.updatedAt == F.day(5) })
        #expect(changed.map(\.releasedAt) == [nil, nil])
    }

    @Test func deathNoticeWithNothingActiveChangesNothing() {
        let assets = [F.asset(state: .archived), F.asset(id: "a2", state: .toBeAssessed)]
        #expect(AssetTransitions.onPatientDeceased(assets: assets, at: F.day(5)).isEmpty)
        #expect(AssetTransitions.onPatientDeceased(assets: [], at: F.day(5)).isEmpty)
    }

    // MARK: review, state by state

    /// (action, from state, outcome) with a good note and a consent in force.
    static let transitionRows: [(ReviewAction, AssetState, Outcome)] = [
        (.release, .toBeAssessed, .state(.active)),
        (.release, .active, .failure(.invalidStateTransition)),
        (.release, .archived, .failure(.invalidStateTransition)),
        (.release, .erased, .failure(.invalidStateTransition)),
        (.archive, .active, .state(.archived)),
        (.archive, .toBeAssessed, .state(.archived)),
        (.archive, .archived, .failure(.invalidStateTransition)),
        (.archive, .erased, .failure(.invalidStateTransition)),
    ]

    @Test(arguments: transitionRows)
    func reviewFollowsTheLifeCycle(_ action: ReviewAction, _ from: AssetState, _ expected: Outcome) {
        // Given an asset in `from`, a valid note and a consent in force
        let asset = F.asset(state: from)
        // When reviewing it
        let outcome = Self.outcome {
            try AssetTransitions.review(asset: asset, action: action, note: "Next of kin agrees",
                                        patient: Self.deceased, consents: [F.consent()], at: Self.reviewedAt)
        }
        // Then the life cycle decides
        #expect(outcome == expected)
    }

    @Test func releaseReactivatesAndStampsTheAsset() throws {
        // Given a held communication asset of a deceased patient with a consent in force
        let asset = F.asset(state: .toBeAssessed)
        // When it is released on day 8
        let released = try AssetTransitions.review(asset: asset, action: .release, note: "Family agrees",
                                                   patient: Self.deceased, consents: [F.consent()], at: Self.reviewedAt)
        // Then it is active, released and updated on day 8, and otherwise unchanged
        var expected = asset
        expected.state = .active
        expected.releasedAt = Self.reviewedAt
        expected.updatedAt = Self.reviewedAt
        #expect(released == expected)
    }

    @Test func archiveStampsTheAssetWithoutReleasingIt() throws {
        let archived = try AssetTransitions.review(asset: F.asset(state: .toBeAssessed), action: .archive, note: "",
                                                   patient: Self.deceased, consents: [], at: Self.reviewedAt)
        #expect(archived.state == .archived)
        #expect(archived.updatedAt == Self.reviewedAt)
        #expect(archived.releasedAt == nil)
    }

    @Test(arguments: ["", " ", "\n\t  "])
    func releaseNeedsANote(_ note: String) {
        let outcome = Self.outcome {
            try AssetTransitions.review(asset: F.asset(state: .toBeAssessed), action: .release, note: note,
                                        patient: Self.deceased, consents: [F.consent()], at: Self.reviewedAt)
        }
        #expect(outcome == .failure(.releaseRequiresNote))
    }

    @Test func wrongStateIsReportedBeforeAMissingNote() {
        let outcome = Self.outcome {
            try AssetTransitions.review(asset: F.asset(state: .archived), action: .release, note: "",
                                        patient: Self.deceased, consents: [], at: Self.reviewedAt)
        }
        #expect(outcome == .failure(.invalidStateTransition))
    }

    @Test func missingNoteIsReportedBeforeMissingConsent() {
        let outcome = Self.outcome {
            try AssetTransitions.review(asset: F.asset(state: .toBeAssessed), action: .release, note: " ",
                                        patient: Self.deceased, consents: [], at: Self.reviewedAt)
        }
        #expect(outcome == .failure(.releaseRequiresNote))
    }

    /// (name, consents, outcome) for releasing a held communication asset on day 8.
    static let consentRows: [(String, [Consent], Outcome)] = [
        ("no consent", [], .failure(.releaseRequiresConsent)),
        ("consent in force", [F.consent()], .state(.active)),
        ("consent in force for another channel only", [F.consent(channels: [.print])], .state(.active)),
        ("consent scoped to this asset", [F.consent(scope: .assets(["a1"]))], .state(.active)),
        ("consent scoped to another asset", [F.consent(scope: .assets(["a2"]))], .failure(.releaseRequiresConsent)),
        ("another patient's consent", [F.consent(patientID: "p2")], .failure(.releaseRequiresConsent)),
        ("expired consent", [F.consent(period: Period(end: F.day(8)))], .failure(.releaseRequiresConsent)),
        ("consent not started", [F.consent(period: Period(start: F.day(9)))], .failure(.releaseRequiresConsent)),
        ("withdrawn consent", [F.consent(status: .inactive, withdrawnAt: F.day(8))],
         .failure(.releaseRequiresConsent)),
        ("consent withdrawn later", [F.consent(status: .inactive, withdrawnAt: F.day(9))], .state(.active)),
        ("draft consent", [F.consent(status: .draft)], .failure(.releaseRequiresConsent)),
        ("entered-in-error consent", [F.consent(status: .enteredInError)], .failure(.releaseRequiresConsent)),
        ("one good consent among bad ones",
         [F.consent(id: "c1", status: .rejected), F.consent(id: "c2", period: Period(end: F.day(2))), F.consent(id: "c3")],
         .state(.active)),
    ]

    @Test(arguments: consentRows)
    func releasingACommunicationAssetNeedsConsentInForce(_ name: String, _ consents: [Consent], _ expected: Outcome) {
        // Given a held communication asset; When releasing it on day 8 with these consents
        let outcome = Self.outcome {
            try AssetTransitions.review(asset: F.asset(state: .toBeAssessed), action: .release, note: "Agreed",
                                        patient: Self.deceased, consents: consents, at: Self.reviewedAt)
        }
        // Then only a covering consent in force on day 8 allows it
        #expect(outcome == expected, "\(name)")
    }

    @Test func releasingAClinicalAssetNeedsNoConsent() {
        let outcome = Self.outcome {
            try AssetTransitions.review(asset: F.asset(stream: .clinical, state: .toBeAssessed), action: .release,
                                        note: "Treating team keeps it", patient: Self.deceased, consents: [],
                                        at: Self.reviewedAt)
        }
        #expect(outcome == .state(.active))
    }

    @Test func releaseAfterDeathNoticeMakesTheAssetPublishableAgain() throws {
        // Given an active asset with consent, and a death notice on day 5
        let consents = [F.consent()]
        let held = AssetTransitions.onPatientDeceased(assets: [F.asset()], at: F.day(5))[0]
        let before = ConsentPolicy.decide(asset: held, patient: Self.deceased, consents: consents, channel: .website,
                                          at: F.day(6))
        // When a reviewer releases it on day 8
        let released = try AssetTransitions.review(asset: held, action: .release, note: "Family agrees",
                                                   patient: Self.deceased, consents: consents, at: Self.reviewedAt)
        let after = ConsentPolicy.decide(asset: released, patient: Self.deceased, consents: consents,
                                         channel: .website, at: F.day(9))
        // Then it was blocked for review and death, and is allowed afterwards
        #expect(before.reasons == [.patientDeceased, .assetUnderReview])
        #expect(after.allowed)
    }

    // MARK: blocked channels

    static func decision(_ channel: Channel, allowed: Bool) -> Decision {
        Decision(assetID: "a1", channel: channel, at: F.day(1), reasons: allowed ? [] : [.noConsent],
                 consentID: allowed ? "c1" : nil)
    }

    @Test func blockedChannelsAreThoseAllowedBeforeAndDeniedAfter() {
        let d = Self.decision
        // Given decisions before and after a change
        let before = [d(.website, true), d(.intranet, true), d(.print, false), d(.socialMedia, true), d("tv", true)]
        let after = [d(.website, false), d(.intranet, true), d(.print, true), d(.socialMedia, false)]
        // When comparing them
        let blocked = AssetTransitions.blockedChannels(before: before, after: after)
        // Then newly denied channels, and channels without a decision after, are blocked
        #expect(blocked == [.website, .socialMedia, "tv"])
    }

    @Test func blockedChannelsReportsEachChannelOnce() {
        let d = Self.decision
        let blocked = AssetTransitions.blockedChannels(before: [d(.website, true), d(.website, true)],
                                                       after: [d(.website, false)])
        #expect(blocked == [.website])
    }

    @Test func withdrawalBlocksEveryChannelTheConsentPermitted() {
        // Given a consent for website and print, withdrawn on day 6
        let granted = F.consent(channels: [.website, .print])
        var withdrawn = granted
        withdrawn.status = .inactive
        withdrawn.withdrawnAt = F.day(6)
        // When deciding every standard channel before and after the withdrawal
        let blocked = AssetTransitions.blockedChannels(
            Channel.standard,
            before: { ConsentPolicy.decide(asset: F.asset(), patient: F.patient(), consents: [granted], channel: $0,
                                           at: F.day(6)) },
            after: { ConsentPolicy.decide(asset: F.asset(), patient: F.patient(), consents: [withdrawn], channel: $0,
                                          at: F.day(6)) })
        // Then exactly the permitted channels must be taken down
        #expect(blocked == [.website, .print])
    }

    @Test func expiryPassingBlocksTheConsentsChannels() {
        // Given a consent ending on day 30; When time passes its end
        let consent = F.consent(channels: [.intranet], period: Period(end: F.day(30)))
        let decide = { (t: Date) in { (channel: Channel) in
            ConsentPolicy.decide(asset: F.asset(), patient: F.patient(), consents: [consent], channel: channel, at: t)
        } }
        let blocked = AssetTransitions.blockedChannels(Channel.standard, before: decide(F.day(29)), after: decide(F.day(30)))
        // Then its channel is blocked
        #expect(blocked == [.intranet])
    }

    private static func outcome(_ review: () throws -> Asset) -> Outcome {
        do {
            return .state(try review().state)
        } catch let error as PGError {
            return .failure(error.code)
        } catch {
            return .failure(.internalError)
        }
    }
}
