import HL7
import Testing

/// Character sets, MSH-18 / HL7 Table 0211.
struct HL7CharsetTests {
    static let msh = #"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1"#

    @Test(arguments: [
        ("", HL7Charset.ascii), ("ASCII", .ascii), ("8859/1", .latin1), ("UNICODE UTF-8", .utf8), ("UTF-8", .utf8),
        ("unicode utf-8", .utf8),
    ])
    func msh18NamesTheCharacterSet(value: String, charset: HL7Charset) throws {
        #expect(try HL7Charset(msh18: value) == charset)
    }

    @Test func latin1BytesAreDecoded() throws {
        // Given the Cloverleaf merge in ISO 8859-1 bytes (Ç and É are one byte each)
        let bytes = HL7Samples.cloverleafA40Bytes
        #expect(bytes.contains(0xC7))
        // When parsed; Then names read correctly, and the message encodes back to ISO 8859-1 with CR
        let message = try HL7Message(parsing: bytes)
        #expect(message.encoding.charset == .latin1)
        #expect(message.value(at: "PID-5") == "FRANÇOIS")
        #expect(message.value(at: "MRG-1.4") == "HOSP")
        let canonical = HL7Samples.cloverleafA40Text.replacingOccurrences(of: "\n", with: "\r")
        #expect(message.encodedBytes() == HL7Charset.latin1.encode(canonical))
    }

    @Test func utf8BytesAreDecoded() throws {
        // Given the Epic admission as UTF-8 bytes; When parsed
        let message = try HL7Message(parsing: Array(HL7Samples.epicA01.utf8))
        // Then multi-byte names read correctly
        #expect(message.encoding.charset == .utf8)
        #expect(message.value(at: "PID-5") == "Müller")
        #expect(message.value(at: "PID-11.1") == "12 Rue de l'Église")
    }

    @Test func undeclaredCharacterSetReadsUTF8ThenLatin1() throws {
        // Given ASCII messages (no MSH-18) that carry é as UTF-8, and as ISO 8859-1
        let utf8 = Array("\(Self.msh)\rPID|1||X||Ren".utf8) + [0xC3, 0xA9] + [0x0D]
        let latin1 = Array("\(Self.msh)\rPID|1||X||Ren".utf8) + [0xE9] + [0x0D]
        // When parsed; Then both read René rather than being refused
        #expect(try HL7Message(parsing: utf8).value(at: "PID-5") == "René")
        #expect(try HL7Message(parsing: latin1).value(at: "PID-5") == "René")
    }

    @Test func sizeLimitCountsTheBytesReceived() throws {
        // Given an ISO 8859-1 message of 200 bytes whose text is longer in UTF-8
        let prefix = "\(Self.msh)||||||8859/1\rNTE|1||"
        let accents = 200 - prefix.utf8.count - 1
        let text = prefix + String(repeating: "é", count: accents) + "\r"
        let bytes = HL7Charset.latin1.encode(text)
        #expect(bytes.count == 200 && text.utf8.count > 200)
        // When parsed with a 200-byte limit; Then it fits
        #expect(try HL7Message(parsing: bytes, limits: HL7Limits(maxMessageBytes: 200)).value(at: "NTE-3")?.count == accents)
    }

    @Test func latin1CannotHoldCharactersAboveFF() {
        // Given text beyond ISO 8859-1; When encoded as ISO 8859-1; Then those characters are '?'
        #expect(HL7Charset.latin1.encode("é€") == [0xE9, 0x3F])
    }

    @Test func newMessageDeclaresItsCharacterSet() throws {
        // Given a message built as UTF-8; When encoded and parsed again
        var message = HL7Message(encoding: HL7Encoding(charset: .utf8))
        message.set("Zoë", at: "PID-5")
        let parsed = try HL7Message(parsing: message.encodedBytes())
        // Then MSH-18 says so and the value survives
        #expect(parsed.value(at: "MSH-18") == "UNICODE UTF-8")
        #expect(parsed.value(at: "PID-5") == "Zoë")
        #expect(parsed == message)
    }
}
