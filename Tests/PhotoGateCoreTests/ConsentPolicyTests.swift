import Foundation
import PhotoGateCore
import Testing

private typealias F = PolicyFixture

struct ConsentPolicyTests {
    static let consentCases: [Row] = [
        .allowed("active consent for the channel permits", consents: [F.consent()]),
        .allowed("a custom channel from mappings permits when listed",
                 consents: [F.consent(channels: ["newsletter"])], channel: "newsletter"),
        .allowed("a scope listing the asset permits", consents: [F.consent(scope: .assets(["a2", "a1"]))]),
        .denied("no consent at all", [.noConsent], consents: []),
        .denied("another patient's consent is ignored", [.noConsent], consents: [F.consent(patientID: "p2")]),
        .denied("a scope not listing the asset is ignored", [.noConsent],
                consents: [F.consent(scope: .assets(["a2"]))]),
        .denied("a draft consent is ignored", [.noConsent], consents: [F.consent(status: .draft)]),
        .denied("a proposed consent is ignored", [.noConsent], consents: [F.consent(status: .proposed)]),
        .denied("a rejected consent is ignored", [.noConsent], consents: [F.consent(status: .rejected)]),
        .denied("an entered-in-error consent is ignored", [.noConsent],
                consents: [F.consent(status: .enteredInError, withdrawnAt: F.day(1))]),
        .denied("a consent not started yet gives no consent", [.noConsent],
                consents: [F.consent(period: Period(start: F.day(11)))]),
        .allowed("the period includes its start", consents: [F.consent(period: Period(start: F.day(10)))]),
        .allowed("the period runs up to its end", consents: [F.consent(period: Period(end: F.day(10.5)))]),
        .denied("the period excludes its end", [.consentExpired],
                consents: [F.consent(period: Period(start: F.day(1), end: F.day(10)))]),
        .denied("an expired consent", [.consentExpired], consents: [F.consent(period: Period(end: F.day(5)))]),
        .denied("withdrawn at the decision time", [.consentWithdrawn],
                consents: [F.consent(status: .inactive, withdrawnAt: F.day(10))]),
        .denied("withdrawn before the decision time", [.consentWithdrawn],
                consents: [F.consent(status: .inactive, withdrawnAt: F.day(3))]),
        .denied("an active consent carrying a past withdrawal", [.consentWithdrawn],
                consents: [F.consent(status: .active, withdrawnAt: F.day(3))]),
        .denied("inactive without a date is withdrawn since always", [.consentWithdrawn],
                consents: [F.consent(status: .inactive)]),
        .allowed("a withdrawal after the decision time does not count yet",
                 consents: [F.consent(status: .inactive, withdrawnAt: F.day(11))]),
        .denied("withdrawal wins over an expired period", [.consentWithdrawn],
                consents: [F.consent(period: Period(end: F.day(5)), withdrawnAt: F.day(2))]),
        .denied("withdrawal wins over a period not started", [.consentWithdrawn],
                consents: [F.consent(status: .inactive, period: Period(start: F.day(20)))]),
        .denied("the channel is not listed", [.channelNotPermitted], consents: [F.consent(channels: [.print])]),
        .denied("an empty channel list", [.channelNotPermitted], consents: [F.consent(channels: [])]),
        .denied("a deny provision for the channel", [.channelNotPermitted],
                consents: [F.consent(channels: [.website, .print], denies: [DenyProvision(channels: [.website])])]),
        .denied("a deny provision matching everything", [.channelNotPermitted],
                consents: [F.consent(denies: [DenyProvision()])]),
        .denied("a deny provision for the asset during the decision time", [.channelNotPermitted],
                consents: [F.consent(denies: [DenyProvision(assetIDs: ["a1"], period: Period(start: F.day(9)))])]),
        .allowed("a deny provision for another channel",
                 consents: [F.consent(denies: [DenyProvision(channels: [.socialMedia])])]),
        .allowed("a deny provision for another asset",
                 consents: [F.consent(denies: [DenyProvision(assetIDs: ["a2"])])]),
        .allowed("a deny provision whose period has ended",
                 consents: [F.consent(denies: [DenyProvision(period: Period(end: F.day(10)))])]),
        .denied("withdrawn, expired and wrong-channel consents give all three reasons",
                [.consentWithdrawn, .consentExpired, .channelNotPermitted],
                consents: [F.consent(id: "c1", status: .inactive, withdrawnAt: F.day(2)),
                           F.consent(id: "c2", period: Period(end: F.day(4))),
                           F.consent(id: "c3", channels: [.print])]),
        .denied("an expired and a not-yet-started consent give only expiry", [.consentExpired],
                consents: [F.consent(id: "c1", period: Period(end: F.day(4))),
                           F.consent(id: "c2", period: Period(start: F.day(12)))]),
        .allowed("one permitting consent outweighs withdrawn and expired ones",
                 consents: [F.consent(id: "c1", status: .inactive),
                            F.consent(id: "c2", period: Period(end: F.day(4))),
                            F.consent(id: "c3", channels: [.print]),
                            F.consent(id: "c4", createdAt: F.day(9))],
                 by: "c4"),
        .allowed("the earliest created permitting consent is named",
                 consents: [F.consent(id: "c1", createdAt: F.day(3)), F.consent(id: "c2", createdAt: F.day(2))],
                 by: "c2"),
        .allowed("created at the same time, the smaller id is named",
                 consents: [F.consent(id: "c9"), F.consent(id: "c10"), F.consent(id: "c5")], by: "c10"),
    ]

    static let factCases: [Row] = [
        .denied("an asset under review", [.assetUnderReview], asset: F.asset(state: .toBeAssessed)),
        .denied("an archived asset", [.assetArchived], asset: F.asset(state: .archived)),
        .denied("an erased asset", [.assetErased], asset: F.asset(state: .erased)),
        .denied("a clinical photo, even with consent", [.clinicalStream], asset: F.asset(stream: .clinical)),
        .denied("a clinical photo without consent", [.noConsent, .clinicalStream], consents: [],
                asset: F.asset(stream: .clinical)),
        .denied("a deceased patient, asset never released", [.patientDeceased],
                patient: F.patient(deceased: true, recordedAt: F.day(5))),
        .denied("a deceased patient, released before the death was recorded", [.patientDeceased],
                asset: F.asset(releasedAt: F.day(4)), patient: F.patient(deceased: true, recordedAt: F.day(5))),
        .allowed("a deceased patient, released when the death was recorded", consents: [F.consent()],
                 asset: F.asset(releasedAt: F.day(5)), patient: F.patient(deceased: true, recordedAt: F.day(5))),
        .allowed("a deceased patient, released after the death was recorded", consents: [F.consent()],
                 asset: F.asset(releasedAt: F.day(6)), patient: F.patient(deceased: true, recordedAt: F.day(5))),
        .denied("a deceased patient with no recorded moment, never released", [.patientDeceased],
                patient: F.patient(deceased: true)),
        .allowed("a deceased patient with no recorded moment, released", consents: [F.consent()],
                 asset: F.asset(releasedAt: F.day(1)), patient: F.patient(deceased: true)),
        .denied("a death recorded after the decision time still blocks", [.patientDeceased],
                patient: F.patient(deceased: true, recordedAt: F.day(5)), t: F.day(2)),
        .allowed("a living patient's recorded moment is ignored", consents: [F.consent()],
                 patient: F.patient(deceased: false, recordedAt: F.day(5))),
        .denied("every reason at once",
                [.noConsent, .patientDeceased, .assetErased, .clinicalStream], consents: [],
                asset: F.asset(stream: .clinical, state: .erased),
                patient: F.patient(deceased: true, recordedAt: F.day(5))),
        .denied("consent and fact reasons together",
                [.consentWithdrawn, .consentExpired, .patientDeceased, .assetUnderReview],
                consents: [F.consent(id: "c1", status: .inactive), F.consent(id: "c2", period: Period(end: F.day(1)))],
                asset: F.asset(state: .toBeAssessed), patient: F.patient(deceased: true, recordedAt: F.day(5))),
    ]

    @Test(arguments: consentCases)
    func consentReasonsFollowTheApplicableConsents(_ row: Row) {
        expectDecision(row)
    }

    @Test(arguments: factCases)
    func assetAndPatientFactsAddTheirReasons(_ row: Row) {
        expectDecision(row)
    }

    @Test func decisionEchoesItsQuestion() {
        // Given an asset with a permitting consent
        let asset = F.asset(id: "a2")
        // When deciding for a channel at an instant
        let decision = ConsentPolicy.decide(asset: asset, patient: F.patient(), consents: [F.consent(channels: [.print])],
                                            channel: .print, at: F.day(7))
        // Then the decision names the asset, channel and instant asked about
        #expect(decision.assetID == "a2")
        #expect(decision.channel == .print)
        #expect(decision.at == F.day(7))
        #expect(decision.allowed)
    }

    @Test func permitsChecksPeriodChannelAndDenies() {
        // Given a consent for website and print, with print denied from day 5
        let consent = F.consent(channels: [.website, .print], period: Period(start: F.day(1), end: F.day(9)),
                                denies: [DenyProvision(channels: [.print], period: Period(start: F.day(5)))])
        // Then it permits only inside its period, only listed channels, and not where denied
        #expect(ConsentPolicy.permits(consent, assetID: "a1", channel: .website, at: F.day(1)))
        #expect(ConsentPolicy.permits(consent, assetID: "a1", channel: .print, at: F.day(4)))
        #expect(!ConsentPolicy.permits(consent, assetID: "a1", channel: .print, at: F.day(5)))
        #expect(!ConsentPolicy.permits(consent, assetID: "a1", channel: .intranet, at: F.day(4)))
        #expect(!ConsentPolicy.permits(consent, assetID: "a1", channel: .website, at: F.day(9)))
        #expect(!ConsentPolicy.permits(consent, assetID: "a1", channel: .website, at: F.day(0)))
    }

    @Test func applicableKeepsThePatientsCoveringConsentsInOrder() {
        // Given consents of two patients and two scopes
        let consents = [F.consent(id: "c1", scope: .assets(["a2"])), F.consent(id: "c2", status: .rejected),
                        F.consent(id: "c3", patientID: "p2"), F.consent(id: "c4", scope: .assets(["a1"]))]
        // When selecting those that speak for a1 of p1
        let ids = ConsentPolicy.applicable(consents, assetID: "a1", patientID: "p1").map(\.id)
        // Then status does not matter here, patient and scope do
        #expect(ids == ["c2", "c4"])
    }

    private func expectDecision(_ row: Row, sourceLocation: SourceLocation = #_sourceLocation) {
        // Given the row's facts; When deciding
        let decision = ConsentPolicy.decide(asset: row.asset, patient: row.patient, consents: row.consents,
                                            channel: row.channel, at: row.t)
        // Then exactly the expected reasons apply, and the permitting consent is named
        #expect(decision.reasons == row.reasons.sorted(), sourceLocation: sourceLocation)
        #expect(decision.allowed == row.reasons.isEmpty, sourceLocation: sourceLocation)
        #expect(decision.consentID == row.consentID, sourceLocation: sourceLocation)
    }
}

extension ConsentPolicyTests {
    /// One row of the decision table: facts in, reasons (and permitting consent) out.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var asset = F.asset()
        var patient = F.patient()
        var consents: [Consent] = []
        var channel: Channel = .website
        var t = F.day(10)
        var reasons: [DenialReason]
        var consentID: String?

        var testDescription: String { name }

        static func allowed(_ name: String, consents: [Consent], by consentID: String = "c1",
                            asset: Asset = F.asset(), patient: Patient = F.patient(),
                            channel: Channel = .website) -> Row {
            Row(name: name, asset: asset, patient: patient, consents: consents, channel: channel, reasons: [],
                consentID: consentID)
        }

        static func denied(_ name: String, _ reasons: [DenialReason], consents: [Consent] = [F.consent()],
                           asset: Asset = F.asset(), patient: Patient = F.patient(), t: Date = F.day(10),
                           channel: Channel = .website) -> Row {
            Row(name: name, asset: asset, patient: patient, consents: consents, channel: channel, t: t,
                reasons: reasons, consentID: nil)
        }
    }
}
