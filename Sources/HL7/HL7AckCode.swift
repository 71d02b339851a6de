/// MSA-1, acknowledgment code, HL7 Table 0008 (HL7 v2.5.1 §2.15.8.1).
public enum HL7AckCode: String, Sendable, Hashable, CaseIterable {
    /// Original mode application accept / enhanced mode application acknowledgment: accept.
    case applicationAccept = "AA"
    /// … error.
    case applicationError = "AE"
    /// … reject.
    case applicationReject = "AR"
    /// Enhanced mode accept acknowledgment: commit accept.
    case commitAccept = "CA"
    /// … commit error.
    case commitError = "CE"
    /// … commit reject.
    case commitReject = "CR"
}
