import HL7
import Testing

/// MSH-1 and MSH-2.
struct HL7DelimitersTests {
    @Test(arguments: [("|", #"^~\&"#), ("!", "$*@%"), ("#", "*~\\!"), ("|", #"^~\&#"#)])
    func anyDistinctPunctuationIsAccepted(field: Character, encoding: String) throws {
        // Given MSH-1 and MSH-2; When read; Then they print back as written
        let delimiters = try HL7Delimiters(field: field, encodingCharacters: encoding)
        #expect(delimiters.description == String(field) + encoding)
        #expect(delimiters.truncation == (encoding.count == 5 ? encoding.utf8.last : nil))
    }

    @Test(arguments: [
        ("|", "^~\\"), ("|", "^~\\&#!"), ("|", "^~\\|"), ("|", "^^\\&"), ("|", "^~\\A"), ("|", "^~\\7"), ("|", "^~ &"),
        ("é", "^~\\&"), ("|", "^~\\\u{7F}"), ("\"", "^~\\&"),
    ] as [(Character, String)])
    func unusableDelimitersAreRefused(field: Character, encoding: String) {
        // Given a wrong count, repeated, alphanumeric, space, non-ASCII, control or '"' delimiter
        // When read; Then it is a data type error at MSH-1/MSH-2
        #expect {
            try HL7Delimiters(field: field, encodingCharacters: encoding)
        } throws: { error in
            (error as? HL7Error)?.code == .dataTypeError
        }
    }

    @Test func messageWithOtherDelimitersIsReadWithThem() throws {
        // Given the Mirth discharge; When parsed; Then its encoding holds its own delimiters
        let message = try HL7Message(parsing: HL7Samples.mirthA03)
        #expect(message.encoding.delimiters.description == "!$*@%")
        #expect(message.header.messageType == HL7MessageType(code: "ADT", triggerEvent: "A03"))
    }
}
