import HL7
import Testing

/// Parsing the sample feeds, reading them through segments and paths, and encoding them back.
struct HL7MessageTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let values: [(HL7Path, String?)]
        var testDescription: String { name }
    }

    static let samples: [Expectation] = [
        Expectation(name: "Epic A01", text: HL7Samples.epicA01, values: [
            ("MSH-1", "|"), ("MSH-2", #"^~\&"#), ("MSH-3", "EPIC"), ("MSH-4.2", "2.16.840.1.113883.3.9999"),
            ("MSH-9.2", "A01"), ("MSH-10", "887266"), ("MSH-18", "UNICODE UTF-8"),
            ("PID-3", "E1234567"), ("PID-3.4", "EPI"), ("PID-3.5", "MR"), ("PID-3[2]", "123456789"),
            ("PID-3[2].4.1", "USSSA"), ("PID-3[3]", nil), ("PID-5.2", "Zoë"), ("PID-11.2", "Apt 4^B"),
            ("PID-13.6", "217"), ("PID-18", "E1234567001"), ("PV1-7.2", "Welby"), ("ZPG-2", "WOUND-PHOTO-PROTOCOL"),
            ("PID-30", nil), ("NK1-1", nil),
        ]),
        Expectation(name: "Epic A08 with death", text: HL7Samples.epicA08Death, values: [
            ("MSH-9", "ADT"), ("MSH-9.3", "ADT_A01"), ("PID-29", "20250320143000-0500"), ("PID-30", "Y"),
            ("PID-31", nil),
        ]),
        Expectation(name: "Mirth A03 with !$*@% delimiters", text: HL7Samples.mirthA03, values: [
            ("MSH-1", "!"), ("MSH-2", "$*@%"), ("MSH-4", "ST-JUDE"), ("MSH-4.3", "ISO"), ("MSH-9.2", "A03"),
            ("PID-3[2]", "SJ-0001"), ("PID-3[2].5", "PI"), ("PID-5.1", "O'BRIEN"), ("PV1-36", "20"),
            ("PV1-45", "20250321094500"), ("NTE-3", "Family says: 50$50 chance ! call @ first"),
        ]),
        Expectation(name: "v2.8 with truncation character", text: HL7Samples.v28Truncation, values: [
            ("MSH-2", #"^~\&#"#), ("MSH-12", "2.8"), ("PID-5", "O#NEIL"), ("PID-5.2", "ANN"),
        ]),
    ]

    @Test(arguments: samples)
    func parsedSampleReadsAtPaths(sample: Expectation) throws {
        // Given a sample feed; When it is parsed
        let message = try HL7Message(parsing: sample.text)
        // Then every path reads the unescaped value
        for (path, expected) in sample.values {
            #expect(message.value(at: path) == expected, "\(path)")
        }
    }

    @Test(arguments: samples)
    func canonicalSampleEncodesBackByteForByte(sample: Expectation) throws {
        // Given a canonical sample; When parsed from its bytes and encoded again
        let message = try HL7Message(parsing: sample.text)
        // Then the text and the bytes are those received
        #expect(message.encodedText() == sample.text)
        #expect(message.encodedBytes() == Array(sample.text.utf8))
        #expect(try HL7Message(parsing: message.encodedBytes()) == message)
    }

    @Test func segmentsKeepOrderAndZSegments() throws {
        // Given the Epic admission; When parsed
        let message = try HL7Message(parsing: HL7Samples.epicA01)
        // Then segments are in order, Z-segments included
        #expect(message.segments.map(\.name) == ["MSH", "EVN", "PID", "PV1", "ZPG"])
        #expect(message.segments(named: "ZPG").count == 1)
        #expect(message.segments(named: "NK1").isEmpty)
    }

    @Test func identifiersIterateOverRepetitions() throws {
        // Given the Mirth discharge; When walking PID-3 repetitions
        let message = try HL7Message(parsing: HL7Samples.mirthA03)
        let pid = try #require(message.segment("PID"))
        let ids = pid.field(3).repetitions.map { ($0.value, $0.component(4).value, $0.component(5).value) }
        // Then each CX reads its ID, assigning authority and type
        #expect(ids.count == 2)
        #expect(ids[0] == ("SJ-778812", "STJ", "MR"))
        #expect(ids[1] == ("SJ-0001", "STJ", "PI"))
    }

    @Test func mshNumbersFieldsFromTheSeparator() throws {
        // Given a message; When reading MSH fields by number
        let msh = try #require(try HL7Message(parsing: HL7Samples.epicA08Death).segment("MSH"))
        // Then MSH-1 is the separator, MSH-2 the encoding characters, MSH-3 the first field after them
        #expect(msh.field(1).value == "|")
        #expect(msh.field(2).value == #"^~\&"#)
        #expect(msh.field(2).component(2).value == nil)
        #expect(msh.field(3).value == "EPIC")
        #expect(msh.field(12).value == "2.5.1")
    }

    @Test func nullIsToldApartFromEmpty() throws {
        // Given a PID with a null PID-8, an empty PID-7 and a null component in PID-5
        let message = try HL7Message(parsing: HL7Samples.message(
            #"MSH|^~\&|A|B|C|D|20250101||ADT^A08|1|P|2.5.1"#, #"PID|1||X1^^^H^MR||DOE^""|||""|"#))
        // Then presence distinguishes them, and value reads neither
        #expect(message.presence(at: "PID-8") == .null)
        #expect(message.presence(at: "PID-7") == .empty)
        #expect(message.presence(at: "PID-5.2") == .null)
        #expect(message.presence(at: "PID-5.1") == .value("DOE"))
        #expect(message.value(at: "PID-8") == nil)
        #expect(try #require(message.segment("PID")).field(8).isNull)
        #expect(!(try #require(message.segment("PID")).field(7).isNull))
    }

    @Test(arguments: ["\n", "\r\n", "\r\r", "\n\n\r"])
    func lineBreaksOtherThanCRAreTolerated(separator: String) throws {
        // Given the Epic A08 with other segment separators
        let canonical = HL7Samples.epicA08Death
        let text = canonical.split(separator: "\r").joined(separator: separator)
        // When parsed; Then it is the same message, and encodes back with CR
        let message = try HL7Message(parsing: text)
        #expect(message == (try HL7Message(parsing: canonical)))
        #expect(message.encodedText() == canonical)
    }

    @Test func leadingByteOrderMarkAndBlankLinesAreSkipped() throws {
        // Given bytes with a UTF-8 BOM and blank lines around the message
        let bytes = [0xEF, 0xBB, 0xBF] + Array("\r\n  \n".utf8) + Array(HL7Samples.epicA01.utf8) + Array("\n\n".utf8)
        // When parsed; Then it is the sample message
        #expect(try HL7Message(parsing: bytes) == (try HL7Message(parsing: HL7Samples.epicA01)))
    }

    @Test func trailingEmptyFieldsSurviveTheRoundTrip() throws {
        // Given a segment with trailing empty fields and components
        let text = HL7Samples.message(#"MSH|^~\&|A||||||ADT^A01|1|P|2.5"#, "PV1|1|I|W^^^||||")
        // When parsed and encoded; Then nothing is trimmed
        let message = try HL7Message(parsing: text)
        #expect(message.encodedText() == text)
        #expect(try #require(message.segment("PV1")).fieldCount == 7)
    }

    @Test func secondOccurrenceOfASegmentIsAddressable() throws {
        // Given two NK1 segments
        let message = try HL7Message(parsing: HL7Samples.message(
            #"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1"#, "NK1|1|DOE^JOHN", "NK1|2|DOE^JANE"))
        // Then NK1(2) reads the second, NK1(3) nothing
        #expect(message.value(at: "NK1(2)-2.2") == "JANE")
        #expect(message.value(at: "NK1-2.2") == "JOHN")
        #expect(message.value(at: "NK1(3)-2") == nil)
    }

    @Test func settingValuesEscapesThemAndGrowsTheStructure() throws {
        // Given a new message
        var message = HL7Message()
        // When setting values holding delimiters at positions that do not exist yet
        message.set("ADT", at: "MSH-9")
        message.set("A&B|C^D~E\\F", at: "ZPG(2)-3[2].2.2")
        message.setNull(at: "PID-8")
        // Then the text is escaped, and reads back unescaped
        #expect(message.encodedText() == "MSH|^~\\&|||||||ADT\rZPG\rZPG|||~^&A\\T\\B\\F\\C\\S\\D\\R\\E\\E\\F\rPID||||||||\"\"\r")
        #expect(message.value(at: "ZPG(2)-3[2].2.2") == "A&B|C^D~E\\F")
        #expect(message.presence(at: "PID-8") == .null)
    }
}
