/// When an acknowledgment is wanted: MSH-15 (accept) and MSH-16 (application acknowledgment
/// type), HL7 Table 0155 (HL7 v2.5.1 §2.14.9.15–16, §2.9.3).
public enum HL7AckCondition: String, Sendable, Hashable, CaseIterable {
    /// `AL`: always.
    case always = "AL"
    /// `NE`: never.
    case never = "NE"
    /// `ER`: only when the message is in error or rejected.
    case errorOnly = "ER"
    /// `SU`: only when the message succeeded.
    case successOnly = "SU"

    /// The condition MSH-15/16 states; nil when empty. A value outside Table 0155 still says the
    /// sender wants enhanced mode, and is read as `AL`: answering is the safe reading.
    init?(field value: String?) {
        guard let value else { return nil }
        self = HL7AckCondition(rawValue: value.uppercased()) ?? .always
    }

    /// Whether an acknowledgment with this status is to be sent.
    public func wants(_ status: HL7Outcome.Status) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .errorOnly: status != .accepted
        case .successOnly: status == .accepted
        }
    }
}
