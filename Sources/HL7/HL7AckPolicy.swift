/// The pure decisions of HL7 v2.5.1 §2.9 about acknowledging a message: which mode, whether
/// an acknowledgment is sent at all, and its MSA-1 code.
public enum HL7AckPolicy {
    /// Enhanced mode when MSH-15 or MSH-16 is valued, original mode when both are empty
    /// (§2.9.3).
    public static func mode(for header: HL7Header) -> HL7AckMode {
        header.acceptAcknowledgmentType == nil && header.applicationAcknowledgmentType == nil ? .original : .enhanced
    }

    /// The acknowledgments the sender may get, in the order they are sent: the application
    /// acknowledgment in original mode; the accept then the application acknowledgment in
    /// enhanced mode.
    public static func kinds(for header: HL7Header) -> [HL7AckKind] {
        mode(for: header) == .original ? [.application] : [.accept, .application]
    }

    /// The acknowledgments to send for an outcome with `status`, in order: those of
    /// ``kinds(for:)`` that ``shouldSend(_:for:status:)`` allows — except that in enhanced mode
    /// a commit reject (CR) ends the exchange: the message was not taken on, so there is no
    /// application processing to acknowledge (§2.9.3.2).
    public static func toSend(for header: HL7Header, status: HL7Outcome.Status) -> [HL7AckKind] {
        let kinds = kinds(for: header).filter { shouldSend($0, for: header, status: status) }
        return status == .rejected && kinds.contains(.accept) ? [.accept] : kinds
    }

    /// Whether to send the `kind` acknowledgment for an outcome with `status`.
    ///
    /// Original mode always answers with the application acknowledgment and has no accept
    /// acknowledgment. Enhanced mode follows MSH-15 (accept) and MSH-16 (application) through
    /// Table 0155: `AL` always, `NE` never, `ER` only for error or reject, `SU` only for accept.
    /// In enhanced mode an empty MSH-15 or MSH-16 is read as `AL`: the sender chose enhanced
    /// mode through the other field and the standard makes both required there, so answering
    /// is the safe reading.
    public static func shouldSend(_ kind: HL7AckKind, for header: HL7Header, status: HL7Outcome.Status) -> Bool {
        switch (mode(for: header), kind) {
        case (.original, .application): true
        case (.original, .accept): false
        case (.enhanced, .accept): (header.acceptAcknowledgmentType ?? .always).wants(status)
        case (.enhanced, .application): (header.applicationAcknowledgmentType ?? .always).wants(status)
        }
    }

    /// MSA-1 for the `kind` acknowledgment of an outcome with `status` (Table 0008).
    public static func code(_ kind: HL7AckKind, status: HL7Outcome.Status) -> HL7AckCode {
        switch (kind, status) {
        case (.application, .accepted): .applicationAccept
        case (.application, .error): .applicationError
        case (.application, .rejected): .applicationReject
        case (.accept, .accepted): .commitAccept
        case (.accept, .error): .commitError
        case (.accept, .rejected): .commitReject
        }
    }
}
