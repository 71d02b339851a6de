/// Which of the two enhanced-mode acknowledgments is meant (HL7 v2.5.1 §2.9.3).
public enum HL7AckKind: Sendable, Hashable, CaseIterable {
    /// The accept (commit) acknowledgment, governed by MSH-15.
    case accept
    /// The application acknowledgment, governed by MSH-16; the only one in original mode.
    case application
}
