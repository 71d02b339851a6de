import Foundation

/// When the expiry scheduler must act on a consent (PRODUCT.md "What must happen"): raise
/// `consent.expiring` at ``expiringAt`` and `consent.expired` at ``expiredAt``.
///
/// ```
///        expiringAt            expiredAt = period.end
///  ──────────┤◀──── leadTime ────▶├──────────▶ t
///    consent.expiring        consent.expired
/// ```
///
/// At ``expiredAt`` the half-open period `[start, end)` no longer contains the instant, so
/// ``ConsentPolicy`` reports `consent-expired` from exactly that moment.
public struct ConsentDeadlines: Sendable, Equatable {
    /// When `consent.expiring` is due (`period.end − leadTime`); nil when nothing expires.
    public var expiringAt: Date?
    /// When `consent.expired` is due (`period.end`); nil when nothing expires.
    public var expiredAt: Date?

    /// The default warning lead time: 30 days.
    public static let defaultLeadTime: TimeInterval = 30 * 24 * 60 * 60

    public init(expiringAt: Date?, expiredAt: Date?) {
        self.expiringAt = expiringAt
        self.expiredAt = expiredAt
    }

    /// The deadlines of `consent`: both nil when its status is not `active` or its period has
    /// no end.
    ///
    /// - Parameters:
    ///   - consent: The consent.
    ///   - leadTime: How long before the end `consent.expiring` is raised (non-negative;
    ///     negative values count as zero). If the lead time reaches back before the period's
    ///     start, ``expiringAt`` still is `end − leadTime`; the scheduler raises overdue
    ///     warnings at once.
    public static func of(_ consent: Consent, leadTime: TimeInterval = defaultLeadTime) -> ConsentDeadlines {
        guard consent.status == .active, let end = consent.period.end else {
            return ConsentDeadlines(expiringAt: nil, expiredAt: nil)
        }
        return ConsentDeadlines(expiringAt: end.addingTimeInterval(-max(0, leadTime)), expiredAt: end)
    }
}
