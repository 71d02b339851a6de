import Foundation

/// Where one consent stands at an instant, as ``ConsentPolicy`` and ``AssetTransitions`` see it
/// (PRODUCT.md "Consent", "Decision").
///
/// Only FHIR R4 Consent.status `active` and `inactive` (withdrawn) consents stand anywhere;
/// `draft`, `proposed`, `rejected` and `entered-in-error` consents have no effect at all, so
/// ``init(of:at:)`` returns nil for them.
///
/// The four standings are exclusive, and withdrawal wins over the period:
///
/// ```
///            period.start        period.end
///  ── pending ──┤─── in-force ───├── expired ──▶ t
///  withdrawn from withdrawnAt on (or always, for `inactive` without a date)
/// ```
public enum ConsentStanding: String, Sendable, Equatable, CaseIterable {
    /// The period has not started yet (`t < period.start`).
    case pending
    /// Not withdrawn, and `t` lies inside the half-open period `[start, end)`.
    case inForce = "in-force"
    /// Not withdrawn, and the period ended at or before `t`.
    case expired
    /// Withdrawn at or before `t` (`withdrawnAt <= t`), or `inactive` with no withdrawal
    /// date (withdrawn since always).
    case withdrawn

    /// The standing of `consent` at `t`, or nil when the consent's status gives it no effect.
    ///
    /// An `inactive` consent whose `withdrawnAt` lies after `t` is judged by its period: it
    /// was still in force before it was withdrawn.
    public init?(of consent: Consent, at t: Date) {
        switch consent.status {
        case .active, .inactive: break
        case .draft, .proposed, .rejected, .enteredInError: return nil
        }
        if let withdrawnAt = consent.withdrawnAt {
            if withdrawnAt <= t {
                self = .withdrawn
                return
            }
        } else if consent.status == .inactive {
            self = .withdrawn
            return
        }
        if consent.period.contains(t) {
            self = .inForce
        } else if let end = consent.period.end, end <= t {
            self = .expired
        } else {
            self = .pending
        }
    }
}
