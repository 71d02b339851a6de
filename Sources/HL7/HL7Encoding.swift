/// How a message's text is written: its delimiters (MSH-1, MSH-2) and its character set
/// (MSH-18). Every part of a message carries it, so that any value read from a segment, field,
/// repetition or component can be unescaped on its own (HL7 v2.5.1 §2.7).
public struct HL7Encoding: Sendable, Hashable {
    public let delimiters: HL7Delimiters
    public let charset: HL7Charset

    public init(delimiters: HL7Delimiters = .standard, charset: HL7Charset = .ascii) {
        self.delimiters = delimiters
        self.charset = charset
    }

    /// `|^~\&`, ASCII.
    public static let standard = HL7Encoding()
}
