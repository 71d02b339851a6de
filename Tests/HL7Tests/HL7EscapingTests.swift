import HL7
import Testing

/// Escape sequences, HL7 v2.5.1 §2.7.
struct HL7EscapingTests {
    static let standard = HL7Encoding.standard
    static let mirth = HL7Encoding(delimiters: try! HL7Delimiters(field: "!", encodingCharacters: "$*@%"))

    @Test(arguments: [
        (#"\F\"#, "|"), (#"\S\"#, "^"), (#"\T\"#, "&"), (#"\R\"#, "~"), (#"\E\"#, "\\"),
        (#"A\.br\B"#, "A\nB"), (#"\X0D\"#, "\r"), (#"\X41424344\"#, "ABCD"), (#"\X4a\"#, "J"),
        (#"no escapes"#, "no escapes"), (#"\E\F\E\"#, #"\F\"#), (#"x\F\\S\y"#, "x|^y"),
    ])
    func delimiterAndDataSequencesAreUnescaped(raw: String, text: String) {
        // Given a raw value with the standard delimiters; When unescaped; Then it reads as text
        #expect(HL7Escaping.unescape(raw, encoding: Self.standard) == text)
    }

    @Test(arguments: [
        #"\H\bold\N\"#, #"\.sp2\"#, #"\.in+4\"#, #"\.ce\"#, #"\Zlocal\"#, #"\C2842\"#, #"\M2442\"#,
        #"\X4\"#, #"\XZZ\"#, #"\X\"#, #"\Q\"#, #"\P\"#, #"trailing\"#, #"\unclosed"#,
    ])
    func formattingAndUnknownSequencesPassThrough(raw: String) {
        // Given formatting, character-set, local, malformed or unclosed sequences (and \P\ without a
        // truncation character); When unescaped; Then they pass through unchanged
        #expect(HL7Escaping.unescape(raw, encoding: Self.standard) == raw)
    }

    @Test func sequencesUseTheMessagesOwnEscapeCharacter() {
        // Given the Mirth delimiters !$*@%; When unescaping their sequences
        // Then @F@ @S@ @T@ @R@ @E@ stand for ! $ % * @, and backslashes are plain text
        #expect(HL7Escaping.unescape("@F@@S@@T@@R@@E@", encoding: Self.mirth) == "!$%*@")
        #expect(HL7Escaping.unescape(#"\F\"#, encoding: Self.mirth) == #"\F\"#)
    }

    @Test func truncationCharacterHasItsSequenceFromV27() throws {
        // Given delimiters with the truncation character #
        let encoding = HL7Encoding(delimiters: try HL7Delimiters.standard.withTruncation("#"))
        // When escaping and unescaping #; Then it is \P\
        #expect(HL7Escaping.escape("A#B", delimiters: encoding.delimiters) == #"A\P\B"#)
        #expect(HL7Escaping.unescape(#"A\P\B"#, encoding: encoding) == "A#B")
    }

    @Test func escapingCoversDelimitersAndControlCharacters() {
        // Given text with every delimiter, CR, LF, tab and MLLP's framing bytes; When escaped
        let escaped = HL7Escaping.escape("a|b^c&d~e\\f\rg\nh\ti\u{0B}j\u{1C}", delimiters: .standard)
        // Then delimiters have their sequences, LF is \.br\, tab stays, other controls are hex
        #expect(escaped == #"a\F\b\S\c\T\d\R\e\E\f\X0D\g\.br\h"# + "\t" + #"i\X0B\j\X1C\"#)
    }

    @Test func lineBreakIsHexWhenTheDotIsADelimiter() throws {
        // Given delimiters where '.' separates repetitions; When a line feed is escaped
        let delimiters = try HL7Delimiters(field: "|", encodingCharacters: "^.\\&")
        // Then it is \X0A\, since \.br\ would split the value
        #expect(HL7Escaping.escape("a\nb", delimiters: delimiters) == #"a\X0A\b"#)
    }

    @Test func hexDataIsReadInTheMessagesCharacterSet() {
        // Given é as hex data: C3A9 in UTF-8, E9 in ISO 8859-1
        let utf8 = HL7Encoding(charset: .utf8)
        let latin1 = HL7Encoding(charset: .latin1)
        // When unescaped; Then each reads é
        #expect(HL7Escaping.unescape(#"\XC3A9\"#, encoding: utf8) == "é")
        #expect(HL7Escaping.unescape(#"\XE9\"#, encoding: latin1) == "é")
        #expect(HL7Escaping.unescape(#"\XE9\"#, encoding: .standard) == "é")
    }

    @Test(arguments: ["", "plain", "|^~\\&", "\\F\\ literally", "\r\n\r", "é漢🙂", "\\H\\x\\N\\", "\"\"", "e\u{301}^"])
    func unescapeUndoesEscape(text: String) {
        // Given any text; When escaped then unescaped; Then it is unchanged
        let escaped = HL7Escaping.escape(text, delimiters: .standard)
        #expect(HL7Escaping.unescape(escaped, encoding: Self.standard).unicodeScalars.elementsEqual(text.unicodeScalars))
    }
}
