import HL7
import Testing

/// The MSH view and the checks made before taking a message on.
struct HL7HeaderTests {
    @Test func epicHeaderReadsEveryField() throws {
        // Given the Epic admission; When reading its header
        let header = try HL7Message(parsing: HL7Samples.epicA01).header
        // Then each MSH field is read, unescaped
        #expect(header.sendingApplication == "EPIC")
        #expect(header.sendingFacility == HL7HierarchicDesignator(
            namespaceID: "NWH", universalID: "2.16.840.1.113883.3.9999", universalIDType: "ISO"))
        #expect(header.receivingApplication == "PHOTOGATE")
        #expect(header.receivingFacility == "NWH")
        #expect(header.dateTimeOfMessage == "20250314083015-0500")
        #expect(header.dateTime?.utcOffsetMinutes == -300)
        #expect(header.messageType == HL7MessageType(code: "ADT", triggerEvent: "A01", structure: "ADT_A01"))
        #expect(header.messageType?.description == "ADT^A01^ADT_A01")
        #expect(header.controlID == "887266")
        #expect(header.processingID == "P")
        #expect(header.version == "2.5.1")
        #expect(header.versionNumbers == [2, 5, 1])
        #expect(header.acceptAcknowledgmentType == .always)
        #expect(header.applicationAcknowledgmentType == .never)
        #expect(header.characterSet == "UNICODE UTF-8")
    }

    @Test func unknownAckConditionReadsAsAlways() throws {
        // Given MSH-15 outside Table 0155 and MSH-16 in lower case
        let header = try HL7Message(parsing: HL7Samples.message(#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1|||XX|er"#)).header
        // Then the first reads AL and the second ER
        #expect(header.acceptAcknowledgmentType == .always)
        #expect(header.applicationAcknowledgmentType == .errorOnly)
    }

    @Test(arguments: [HL7Samples.epicA01, HL7Samples.epicA08Death, HL7Samples.mirthA03, HL7Samples.v28Truncation])
    func sampleHeadersAreAccepted(text: String) throws {
        // Given the sample feeds (v2.4 to v2.8); When checked; Then nothing is wrong
        #expect(HL7Acceptance().check(try HL7Message(parsing: text).header).isEmpty)
    }

    @Test(arguments: [
        (#"MSH|^~\&|A|B|C|D|20250101||ORU^R01|1|P|2.5.1"#, HL7ErrorCode.unsupportedMessageType, "MSH^1^9^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A02|1|P|2.5.1"#, .unsupportedEventCode, "MSH^1^9^1^2"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|X|2.5.1"#, .unsupportedProcessingID, "MSH^1^11^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.2"#, .unsupportedVersionID, "MSH^1^12^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|3.0"#, .unsupportedVersionID, "MSH^1^12^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101|||1|P|2.5.1"#, .requiredFieldMissing, "MSH^1^9^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A01||P|2.5.1"#, .requiredFieldMissing, "MSH^1^10^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1||2.5.1"#, .requiredFieldMissing, "MSH^1^11^1^1"),
        (#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P"#, .requiredFieldMissing, "MSH^1^12^1^1"),
    ] as [(String, HL7ErrorCode, String)])
    func unacceptableHeaderGivesItsCondition(msh: String, code: HL7ErrorCode, location: String) throws {
        // Given an ADT^A01/A03/A08 receiver and a header it cannot take
        let acceptance = HL7Acceptance(messageEvents: ["ADT^A01", "ADT^A03", "ADT^A08"])
        // When checked
        let errors = acceptance.check(try HL7Message(parsing: msh + "\r").header)
        // Then one error names the condition and where
        #expect(errors.map(\.code) == [code])
        #expect(errors.first?.location?.description == location)
        #expect(HL7Outcome(errors: errors).status == (code == .requiredFieldMissing ? .error : .rejected))
    }
}
