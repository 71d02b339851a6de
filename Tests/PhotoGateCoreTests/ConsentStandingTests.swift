import Foundation
import PhotoGateCore
import Testing

private typealias F = PolicyFixture

struct ConsentStandingTests {
    /// (name, consent, standing at day 10)
    static let rows: [(String, Consent, ConsentStanding?)] = [
        ("open period, active", F.consent(), .inForce),
        ("period includes its start", F.consent(period: Period(start: F.day(10))), .inForce),
        ("period before its start", F.consent(period: Period(start: F.day(10.001))), .pending),
        ("period excludes its end", F.consent(period: Period(end: F.day(10))), .expired),
        ("period long ended", F.consent(period: Period(start: F.day(1), end: F.day(2))), .expired),
        ("inverted period after its end", F.consent(period: Period(start: F.day(12), end: F.day(8))), .expired),
        ("withdrawn at the instant", F.consent(status: .inactive, withdrawnAt: F.day(10)), .withdrawn),
        ("withdrawal still ahead", F.consent(status: .inactive, withdrawnAt: F.day(11)), .inForce),
        ("withdrawal ahead of an ended period",
         F.consent(status: .inactive, period: Period(end: F.day(3)), withdrawnAt: F.day(11)), .expired),
        ("inactive without a date", F.consent(status: .inactive, period: Period(start: F.day(20))), .withdrawn),
        ("active with a past withdrawal", F.consent(withdrawnAt: F.day(1)), .withdrawn),
        ("draft", F.consent(status: .draft), nil),
        ("proposed", F.consent(status: .proposed), nil),
        ("rejected", F.consent(status: .rejected), nil),
        ("entered in error", F.consent(status: .enteredInError, withdrawnAt: F.day(1)), nil),
    ]

    @Test(arguments: rows)
    func standingFollowsStatusWithdrawalAndPeriod(_ name: String, _ consent: Consent, _ expected: ConsentStanding?) {
        // Given the consent; When asking where it stands at day 10
        let standing = ConsentStanding(of: consent, at: F.day(10))
        // Then
        #expect(standing == expected, "\(name)")
    }
}
