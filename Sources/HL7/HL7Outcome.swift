/// How processing (or committing) a message went, and the errors to report in ERR segments.
public struct HL7Outcome: Sendable, Hashable {
    /// The three answers of HL7 v2.5.1 §2.9: accept, error, reject.
    public enum Status: Sendable, Hashable, CaseIterable {
        /// AA / CA. Warnings and information may still be reported.
        case accepted
        /// AE / CE: the message is in error; resending it unchanged will not help.
        case error
        /// AR / CR: MSH-9, MSH-11 or MSH-12 cannot be accepted, or the receiver failed for
        /// reasons unrelated to the content.
        case rejected
    }

    public var status: Status
    public var errors: [HL7Error]

    public init(status: Status, errors: [HL7Error] = []) {
        self.status = status
        self.errors = errors
    }

    /// The outcome these errors amount to: rejected when one is a rejection
    /// (``HL7Error/isRejection``), error when one has severity E, otherwise accepted (with the
    /// warnings and information reported).
    public init(errors: [HL7Error]) {
        let status: Status =
            if errors.contains(where: \.isRejection) { .rejected }
            else if errors.contains(where: { $0.severity == .error }) { .error }
            else { .accepted }
        self.init(status: status, errors: errors)
    }

    /// Accepted, nothing to report.
    public static let accepted = HL7Outcome(status: .accepted)
}
