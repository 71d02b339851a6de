/// ERR-4 error severity, HL7 Table 0516 (HL7 v2.5.1 §2.15.5.4).
public enum HL7Severity: String, Sendable, Hashable, CaseIterable {
    /// Transaction unsuccessful.
    case error = "E"
    /// Transaction successful, but there may be issues.
    case warning = "W"
    /// Transaction successful, with information to pass on.
    case information = "I"
}
