import Foundation
import PhotoGateCore
import PropertyBased
import Testing

private typealias F = PolicyFixture

struct ConsentDeadlinesTests {
    @Test func activeConsentWithAnEndHasBothDeadlines() {
        // Given an active consent ending on day 40
        let consent = F.consent(period: Period(start: F.day(0), end: F.day(40)))
        // When computing its deadlines with a 3-day lead time
        let deadlines = ConsentDeadlines.of(consent, leadTime: 3 * 86_400)
        // Then the warning comes 3 days before the end, expiry at the end
        #expect(deadlines == ConsentDeadlines(expiringAt: F.day(37), expiredAt: F.day(40)))
    }

    @Test func defaultLeadTimeIsThirtyDays() {
        // Given an active consent ending on day 40; When using the default lead time
        let deadlines = ConsentDeadlines.of(F.consent(period: Period(end: F.day(40))))
        // Then the warning comes 30 days ahead
        #expect(ConsentDeadlines.defaultLeadTime == 30 * 86_400)
        #expect(deadlines.expiringAt == F.day(10))
        #expect(deadlines.expiredAt == F.day(40))
    }

    @Test func negativeLeadTimeWarnsAtTheEnd() {
        let deadlines = ConsentDeadlines.of(F.consent(period: Period(end: F.day(40))), leadTime: -86_400)
        #expect(deadlines.expiringAt == F.day(40))
    }

    @Test func consentWithoutEndNeverExpires() {
        let deadlines = ConsentDeadlines.of(F.consent(period: Period(start: F.day(1))), leadTime: 86_400)
        #expect(deadlines == ConsentDeadlines(expiringAt: nil, expiredAt: nil))
    }

    @Test(arguments: ConsentStatus.allCases.filter { $0 != .active })
    func onlyActiveConsentsHaveDeadlines(_ status: ConsentStatus) {
        // Given a consent with an end but not active
        let consent = F.consent(status: status, period: Period(end: F.day(40)))
        // Then the scheduler has nothing to do for it
        #expect(ConsentDeadlines.of(consent, leadTime: 86_400) == ConsentDeadlines(expiringAt: nil, expiredAt: nil))
    }

    @Test func expiredDeadlineIsWhenThePolicyStartsReportingExpiry() async {
        // Given a single active, permitting consent with an end and any lead time
        let gen = zip(Gen.int(in: 0...30), Gen.int(in: 1...30), Gen.int(in: 0...60))
        await propertyCheck(input: gen) { startDay, length, leadDays in
            let consent = F.consent(period: Period(start: F.day(Double(startDay)), end: F.day(Double(startDay + length))))
            let deadlines = ConsentDeadlines.of(consent, leadTime: Double(leadDays) * 86_400)
            guard let expiredAt = deadlines.expiredAt, let expiringAt = deadlines.expiringAt else {
                Issue.record("an active consent with an end has deadlines")
                return
            }
            // When deciding just before and exactly at the expiry deadline
            let decide = { (t: Date) in
                ConsentPolicy.decide(asset: F.asset(), patient: F.patient(), consents: [consent], channel: .website, at: t)
            }
            // Then the warning never comes after the expiry, the consent permits until the
            // deadline and reports expiry from it on
            #expect(expiringAt <= expiredAt)
            #expect(decide(expiredAt.addingTimeInterval(-1)).allowed)
            #expect(decide(expiredAt).reasons == [.consentExpired])
        }
    }
}
