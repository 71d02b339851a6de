import Foundation
import HL7
import PhotoGateCore
import Testing

/// The ACK messages themselves (HL7 v2.5.1 §2.9, MSA §2.15.8, ERR §2.15.5).
struct HL7AcknowledgerTests {
    static let time = Date(timeIntervalSince1970: 1_742_500_862)  // 2025-03-20 20:01:02 UTC
    static let acknowledger = HL7Acknowledger()
    static let missingMRN = HL7Error(
        .requiredFieldMissing, "PID-3 has no MR identifier",
        at: HL7ErrorLocation(segmentID: "PID", field: 3, fieldRepetition: 1, component: 1))

    static func ack(_ kind: HL7AckKind, _ text: String, _ outcome: HL7Outcome) throws -> String {
        let inbound = try HL7Message(parsing: text)
        return acknowledger.acknowledgment(kind, to: inbound, outcome: outcome, controlID: "PG-1", at: time).encodedText()
    }

    @Test func originalModeAcceptEchoesControlIDAndSwapsParties() throws {
        // Given the Epic A08 (original mode); When accepted
        let ack = try Self.ack(.application, HL7Samples.epicA08Death, .accepted)
        // Then AA, MSA-2 the inbound MSH-10, sender and receiver swapped, same version and processing ID
        #expect(ack == HL7Samples.message(
            #"MSH|^~\&|PHOTOGATE|NWH|EPIC|NWH|20250320200102+0000||ACK^A08^ACK|PG-1|P|2.5.1"#,
            "MSA|AA|887301"))
    }

    @Test func originalModeErrorCarriesERRWithLocation() throws {
        // Given the Epic A08 missing its MRN; When answered with an error
        let ack = try Self.ack(.application, HL7Samples.epicA08Death, HL7Outcome(errors: [Self.missingMRN]))
        // Then AE and one ERR: ERL, CWE from Table 0357, severity E, user message
        #expect(ack.hasSuffix(
            "MSA|AE|887301\r" + "ERR||PID^1^3^1^1|101^Required field missing^HL70357|E||||PID-3 has no MR identifier\r"))
    }

    @Test func originalModeRejectForOurOwnFailure() throws {
        // Given a storage failure from the registry; When answered
        let failure = HL7Error(PGError(.outputWriteFailed, "the database is read-only"))
        let ack = try Self.ack(.application, HL7Samples.epicA08Death, HL7Outcome(errors: [failure]))
        // Then AR with 207 application internal error
        #expect(ack.hasSuffix(
            "MSA|AR|887301\r" + "ERR|||207^Application internal error^HL70357|E||||the database is read-only\r"))
    }

    @Test func acceptedWithWarningsKeepsAA() throws {
        // Given a warning only; When answered; Then AA with an ERR of severity W
        let warning = HL7Error(.tableValueNotFound, "PID-8 value is not in Table 0001",
                               at: HL7ErrorLocation(segmentID: "PID", field: 8), severity: .warning)
        let ack = try Self.ack(.application, HL7Samples.epicA08Death, HL7Outcome(errors: [warning]))
        #expect(ack.hasSuffix("MSA|AA|887301\r" + "ERR||PID^1^8|103^Table value not found^HL70357|W||||PID-8 value is not in Table 0001\r"))
    }

    @Test func everyErrorGetsItsOwnERR() throws {
        // Given two errors; When answered; Then two ERR segments in order
        let other = HL7Error(.dataTypeError, "PID-7 is not a date", at: HL7ErrorLocation(segmentID: "PID", field: 7))
        let ack = try HL7Message(parsing: try Self.ack(.application, HL7Samples.epicA08Death,
                                                      HL7Outcome(errors: [Self.missingMRN, other])))
        #expect(ack.segments(named: "ERR").count == 2)
        #expect(ack.value(at: "ERR(2)-3") == "102")
        #expect(ack.value(at: "ERR(2)-2.3") == "7")
    }

    @Test(arguments: [
        (HL7Outcome.Status.accepted, "CA"), (.error, "CE"), (.rejected, "CR"),
    ])
    func enhancedModeAcceptAckUsesCommitCodes(status: HL7Outcome.Status, code: String) throws {
        // Given the Epic A01 (MSH-15 AL, UTF-8); When the accept ACK is built
        let ack = try Self.ack(.accept, HL7Samples.epicA01, HL7Outcome(status: status))
        // Then MSA-1 is the commit code, MSH-18 is kept and the facility keeps its components
        #expect(ack.hasPrefix(
            #"MSH|^~\&|PHOTOGATE|NWH|EPIC|NWH^2.16.840.1.113883.3.9999^ISO|20250320200102+0000||ACK^A01^ACK|PG-1|P|2.5.1||||||UNICODE UTF-8"#
                + "\rMSA|\(code)|887266\r"))
    }

    @Test func enhancedModeApplicationAckUsesApplicationCodes() throws {
        // Given the Epic A01; When the application ACK is built for an error
        let ack = try HL7Message(parsing: try Self.ack(.application, HL7Samples.epicA01, HL7Outcome(errors: [Self.missingMRN])))
        // Then MSA-1 is AE
        #expect(ack.value(at: "MSA-1") == "AE")
    }

    @Test func ackIsWrittenWithTheInboundDelimiters() throws {
        // Given the Mirth discharge (!$*@%, v2.4); When accepted
        let ack = try Self.ack(.application, HL7Samples.mirthA03, .accepted)
        // Then the ACK uses the same delimiters
        #expect(ack == HL7Samples.message(
            "MSH!$*@%!PHOTOGATE!ST-JUDE!MIRTH!ST-JUDE$1.2.3$ISO!20250320200102+0000!!ACK$A03$ACK!PG-1!P!2.4",
            "MSA!AA!MC-000042"))
    }

    @Test func versionsBefore25UseERR1AndMSA6() throws {
        // Given the Cloverleaf merge (v2.3, ISO 8859-1) naming an unknown patient
        let unknown = HL7Error(.unknownKeyIdentifier, "MRG-1 names no known patient",
                               at: HL7ErrorLocation(segmentID: "MRG", field: 1))
        let inbound = try HL7Message(parsing: HL7Samples.cloverleafA40Bytes)
        // When answered
        let ack = Self.acknowledger.acknowledgment(.application, to: inbound, outcome: HL7Outcome(errors: [unknown]),
                                                   controlID: "PG-1", at: Self.time)
        // Then the error is in MSA-3, MSA-6 and ERR-1 (ELD), as v2.3 defines them
        #expect(ack.encodedText() == HL7Samples.message(
            #"MSH|^~\&|PHOTOGATE|HOSP|CLOVERLEAF|HOSP|20250320200102+0000||ACK^A40^ACK|PG-1|P|2.3||||||8859/1"#,
            "MSA|AE|CL0001|MRG-1 names no known patient|||204^Unknown key identifier^HL70357",
            "ERR|MRG^1^1^204&Unknown key identifier&HL70357"))
    }

    @Test func ourIdentityFillsAnEmptyReceiver() throws {
        // Given a message that names no receiver; When answered by an acknowledger with a facility
        let inbound = try HL7Message(parsing: #"MSH|^~\&|LAB|H1|||20250101||ADT^A01|9|T|2.6"# + "\r")
        let acknowledger = HL7Acknowledger(application: "PHOTOGATE", facility: "NWH-IMAGING")
        let ack = acknowledger.acknowledgment(.application, to: inbound, outcome: .accepted, controlID: "PG-2", at: Self.time)
        // Then MSH-3/4 are ours, and the training processing ID and version are kept
        #expect(ack.header.sendingApplication == "PHOTOGATE")
        #expect(ack.header.sendingFacility == "NWH-IMAGING")
        #expect(ack.header.receivingApplication == "LAB")
        #expect(ack.header.processingID == "T")
        #expect(ack.header.version == "2.6")
    }

    @Test func inputWithoutMSHIsRejectedWithSegmentSequenceError() throws {
        // Given bytes with no MSH; When parsing fails and the failure is answered
        let bytes = Array("PID|1||X1\r".utf8)
        let error = try #require(Self.parseError(bytes))
        let ack = try #require(Self.acknowledger.acknowledgment(toUnreadable: bytes, error: error, controlID: "PG-3", at: Self.time))
        // Then a v2.5.1 AR with MSA-2 empty and ERR 100
        #expect(ack.encodedText() == HL7Samples.message(
            #"MSH|^~\&|PHOTOGATE||||20250320200102+0000||ACK^^ACK|PG-3|P|2.5.1"#,
            "MSA|AR|",
            "ERR|||100^Segment sequence error^HL70357|E||||the message does not start with an MSH segment"))
    }

    @Test func inputBrokenAfterMSHIsAnsweredFromItsHeader() throws {
        // Given the Epic A01 (MSH-15 AL) with a broken segment after its MSH
        let bytes = Array(HL7Samples.epicA01.replacingOccurrences(of: "\rEVN|", with: "\revn|").utf8)
        let error = try #require(Self.parseError(bytes))
        // When answered; Then it is a commit error addressed to the sender, echoing its control ID
        let ack = try #require(Self.acknowledger.acknowledgment(toUnreadable: bytes, error: error, controlID: "PG-4", at: Self.time))
        #expect(ack.value(at: "MSA-1") == "CE")
        #expect(ack.value(at: "MSA-2") == "887266")
        #expect(ack.value(at: "MSH-5") == "EPIC")
        #expect(ack.value(at: "ERR-3") == "100")
    }

    @Test func brokenInputGetsTheApplicationAckWhenTheSenderAskedForNoAcceptAck() throws {
        // Given a broken message whose MSH-15 says NE and MSH-16 AL
        let bytes = Array((#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1|||NE|AL"# + "\rpid|1\r").utf8)
        let error = try #require(Self.parseError(bytes))
        // When answered; Then the application ACK reports the error (the sender is never left waiting)
        let ack = try #require(Self.acknowledger.acknowledgment(toUnreadable: bytes, error: error, controlID: "PG-5", at: Self.time))
        #expect(ack.value(at: "MSA-1") == "AE")
        #expect(ack.value(at: "ERR-3") == "100")
    }

    @Test func brokenInputIsNotAnsweredWhenTheSenderAskedForNoAck() throws {
        // Given a broken message whose MSH-15 and MSH-16 say NE
        let bytes = Array((#"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1|||NE|NE"# + "\rpid|1\r").utf8)
        let error = try #require(Self.parseError(bytes))
        // When answered; Then there is nothing to send
        #expect(Self.acknowledger.acknowledgment(toUnreadable: bytes, error: error, controlID: "PG-6", at: Self.time) == nil)
    }

    @Test(arguments: [HL7Samples.epicA01, HL7Samples.mirthA03, HL7Samples.epicA08Death])
    func ackParsesBackWithItsHeader(text: String) throws {
        // Given any sample and an error outcome; When the ACK is encoded and parsed again
        let ack = try HL7Message(parsing: try Self.ack(.application, text, HL7Outcome(errors: [Self.missingMRN])))
        let inbound = try HL7Message(parsing: text).header
        // Then it is an ACK for the same trigger, version and control ID, with one ERR
        #expect(ack.header.messageType == HL7MessageType(code: "ACK", triggerEvent: inbound.messageType?.triggerEvent, structure: "ACK"))
        #expect(ack.header.version == inbound.version)
        #expect(ack.value(at: "MSA-2") == inbound.controlID)
        #expect(ack.segments(named: "ERR").count == 1)
    }

    static func parseError(_ bytes: [UInt8]) -> HL7Error? {
        do {
            _ = try HL7Message(parsing: bytes)
            return nil
        } catch {
            return error
        }
    }
}
