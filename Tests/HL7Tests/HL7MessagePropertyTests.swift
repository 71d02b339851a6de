import HL7
import PropertyBased
import Testing

/// Round trips over generated messages: any delimiters, any character set, values full of
/// delimiter, escape and control characters (which must be escaped to survive).
struct HL7MessagePropertyTests {
    static let count = 300

    @Test func parsingTheEncodedBytesGivesTheSameMessage() async {
        await propertyCheck(count: Self.count, input: HL7Gen.recipe) { recipe in
            // Given a message built with any delimiters and values; When encoded to bytes and parsed
            let message = recipe.build()
            let parsed = try HL7Message(parsing: message.encodedBytes())
            // Then it is the same message, and its text encodes identically
            #expect(parsed == message)
            #expect(parsed.encodedText() == message.encodedText())
        }
    }

    @Test func parsingTheEncodedTextGivesTheSameMessage() async {
        await propertyCheck(count: Self.count, input: HL7Gen.recipe) { recipe in
            // Given any message; When encoded to text and parsed; Then it is the same message
            let message = recipe.build()
            let parsed = try HL7Message(parsing: message.encodedText())
            #expect(parsed == message)
        }
    }

    @Test func everyValueWrittenReadsBackUnescaped() async {
        await propertyCheck(count: Self.count, input: HL7Gen.recipe) { recipe in
            // Given a message built by writes; When encoded and parsed again
            let parsed = try HL7Message(parsing: recipe.build().encodedBytes())
            // Then every position reads the last text written there: empty as empty, "" as null
            for (path, value) in recipe.expected {
                let expected: HL7Presence = value.isEmpty ? .empty : value == "\"\"" ? .null : .value(value)
                let actual = parsed.presence(at: path)
                #expect(actual == expected, "\(path)")
                if case .value(let text) = actual {
                    #expect(text.unicodeScalars.elementsEqual(value.unicodeScalars), "\(path)")
                }
            }
        }
    }

    @Test func encodedMessageHoldsNoStrayDelimiterOrFramingByte() async {
        await propertyCheck(count: Self.count, input: HL7Gen.recipe) { recipe in
            // Given any message; When encoded
            let bytes = recipe.build().encodedBytes()
            // Then CR only ends segments (one per segment) and MLLP's framing bytes never appear
            #expect(bytes.filter { $0 == 0x0D }.count == recipe.build().segments.count)
            #expect(!bytes.contains(0x0B) && !bytes.contains(0x1C) && !bytes.contains(0x0A))
        }
    }

    @Test func unescapeUndoesEscapeForAnyDelimiters() async {
        await propertyCheck(count: Self.count, input: HL7Gen.delimiters, HL7Gen.value) { delimiters, text in
            // Given any delimiters and text; When escaped
            let escaped = HL7Escaping.escape(text, delimiters: delimiters)
            // Then no delimiter but the escape character remains, and unescaping restores the text
            #expect(!escaped.utf8.contains { $0 != delimiters.escape && delimiters.encodingCharacters.utf8.contains($0) })
            #expect(!escaped.utf8.contains(delimiters.field))
            let back = HL7Escaping.unescape(escaped, encoding: HL7Encoding(delimiters: delimiters))
            #expect(back.unicodeScalars.elementsEqual(text.unicodeScalars))
        }
    }
}
