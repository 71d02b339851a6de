/// Original or enhanced acknowledgment mode (HL7 v2.5.1 §2.9.2, §2.9.3).
public enum HL7AckMode: Sendable, Hashable {
    /// One application acknowledgment (AA / AE / AR) per message.
    case original
    /// An accept (commit) acknowledgment (CA / CE / CR) once the message is safely stored, then
    /// an application acknowledgment, each sent only when MSH-15 / MSH-16 ask for it.
    case enhanced
}
