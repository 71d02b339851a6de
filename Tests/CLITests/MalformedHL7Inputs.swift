import Foundation
import TestSupport

/// Broken input for the live MLLP listener, each with the answer HL7 v2.5.1 (chapter 2,
/// Table 0357) and MLLP (Appendix C) call for. See docs/hl7v2.md, "Errors".
struct MalformedHL7Input: Sendable {
    /// One acknowledgment as expected: MSA-1, ERR-3.1 (nil: no ERR) and ERR-2 (nil: not checked).
    struct Ack: Sendable {
        let code: String
        let condition: String?
        let location: String?
    }

    enum Answer: Sendable {
        /// These acknowledgments, in order, and no other.
        case acks([Ack])
        /// The listener closes the connection without answering (the framing is broken).
        case close
    }

    let name: String
    /// Bytes as sent, framing included.
    let bytes: [UInt8]
    let answer: Answer
    /// Half-close the connection after sending (a sender that stops inside a frame).
    var halfClose = false

    static let msh = "MSH|^~\\&|BAD|HOSP|PHOTOGATE|HOSP|20261120101500"
    static let pid = "PID|1||BAD-1^^^HOSPITAL^MR||Doe^Jane||19800102|F"

    /// A message with `header` after MSH-7 (from MSH-8 on) and these segments after MSH, framed.
    static func message(_ header: String, _ segments: [String] = [pid]) -> [UInt8] {
        MLLPTestClient.frame(Array(([msh + header] + segments).joined(separator: "\r").utf8) + [0x0D])
    }

    static func framed(_ text: String) -> [UInt8] { MLLPTestClient.frame(Array(text.utf8)) }

    static func nak(_ code: String, _ condition: String, at location: String? = nil) -> Answer {
        .acks([Ack(code: code, condition: condition, location: location)])
    }

    static let oneMiB = 1 << 20

    /// The table. Control IDs are unique so that no case is taken for a retransmission.
    static let all: [MalformedHL7Input] = [
        // Structure: no MSH, nothing readable as one (AR 100: not even MSH can be checked)
        .init(name: "no MSH, only a PID", bytes: framed(pid + "\r"), answer: nak("AR", "100")),
        .init(name: "EVN before MSH", bytes: framed("EVN|A08|20261120\r" + msh + "||ADT^A08|M02|P|2.5.1\r" + pid + "\r"),
              answer: nak("AR", "100")),
        .init(name: "empty frame", bytes: [0x0B, 0x1C, 0x0D], answer: nak("AR", "100")),
        .init(name: "frame holding only line breaks", bytes: framed("\r\n\r\n"), answer: nak("AR", "100")),
        .init(name: "MSH without a field separator", bytes: framed("MSH\r" + pid + "\r"), answer: nak("AR", "100")),
        .init(name: "batch header FHS/BHS instead of MSH",
              bytes: framed("FHS|^~\\&|BAD\rBHS|^~\\&|BAD\r" + msh + "||ADT^A08|M06|P|2.5.1\r" + pid + "\rBTS|1\rFTS|1\r"),
              answer: nak("AR", "100")),
        // Delimiters (MSH-1 / MSH-2): no header can be trusted, so AR with 102 at MSH-2
        .init(name: "MSH-2 with three encoding characters",
              bytes: framed("MSH|^~\\|BAD|HOSP|PG|HOSP|20261120||ADT^A08|M07|P|2.5.1\r" + pid + "\r"),
              answer: nak("AR", "102", at: "MSH^1^2")),
        .init(name: "MSH-2 repeating a delimiter",
              bytes: framed("MSH|^^\\&|BAD|HOSP|PG|HOSP|20261120||ADT^A08|M08|P|2.5.1\r" + pid + "\r"),
              answer: nak("AR", "102", at: "MSH^1^2")),
        .init(name: "a letter as field separator",
              bytes: framed("MSHX^~\\&XBADXHOSPXPGXHOSPX20261120XXADT^A08XM09XPX2.5.1\r"), answer: nak("AR", "102", at: "MSH^1^2")),
        // Structure after a readable MSH: AE 100
        .init(name: "two MSH in one frame",
              bytes: framed(msh + "||ADT^A08|M10|P|2.5.1\r" + pid + "\r" + msh + "||ADT^A08|M10B|P|2.5.1\r"),
              answer: nak("AE", "100", at: "MSH^2")),
        .init(name: "a segment ID in lower case", bytes: message("||ADT^A08|M11|P|2.5.1", ["pid|1||BAD-1^^^HOSPITAL^MR"]),
              answer: nak("AE", "100")),
        .init(name: "a segment ID not followed by the field separator",
              bytes: message("||ADT^A08|M12|P|2.5.1", ["PIDX|1||BAD-1^^^HOSPITAL^MR"]), answer: nak("AE", "100", at: "PID^1")),
        .init(name: "ADT without PID", bytes: message("||ADT^A08|M13|P|2.5.1", ["EVN|A08|20261120"]),
              answer: nak("AE", "100", at: "PID^1")),
        .init(name: "A40 without MRG", bytes: message("||ADT^A40|M14|P|2.5.1"), answer: nak("AE", "100", at: "MRG^1")),
        // MSH-9, MSH-11, MSH-12 not acceptable: AR 200–203
        .init(name: "wrong version 9.9", bytes: message("||ADT^A08|M15|P|9.9"), answer: nak("AR", "203", at: "MSH^1^12^1^1")),
        .init(name: "version 2.2 (before 2.3)", bytes: message("||ADT^A08|M16|P|2.2"), answer: nak("AR", "203", at: "MSH^1^12")),
        .init(name: "processing ID X", bytes: message("||ADT^A08|M17|X|2.5.1"), answer: nak("AR", "202", at: "MSH^1^11^1^1")),
        .init(name: "unsupported message type ORU^R01", bytes: message("||ORU^R01|M18|P|2.5.1"),
              answer: nak("AR", "200", at: "MSH^1^9^1^1")),
        .init(name: "an ACK sent to the gateway", bytes: message("||ACK^A08|M19|P|2.5.1", ["MSA|AA|X1"]),
              answer: nak("AR", "200", at: "MSH^1^9^1^1")),
        .init(name: "unknown event ADT^A99", bytes: message("||ADT^A99|M20|P|2.5.1"), answer: nak("AR", "201", at: "MSH^1^9^1^2")),
        .init(name: "ADT without a trigger event", bytes: message("||ADT|M21|P|2.5.1"), answer: nak("AR", "201", at: "MSH^1^9^1^2")),
        // Required header fields empty: AE 101
        .init(name: "MSH-9 empty", bytes: message("|||M22|P|2.5.1"), answer: nak("AE", "101", at: "MSH^1^9^1^1")),
        .init(name: "MSH-10 empty", bytes: message("||ADT^A08||P|2.5.1"), answer: nak("AE", "101", at: "MSH^1^10^1^1")),
        .init(name: "MSH-11 empty", bytes: message("||ADT^A08|M24||2.5.1"), answer: nak("AE", "101", at: "MSH^1^11^1^1")),
        .init(name: "MSH-12 empty", bytes: message("||ADT^A08|M25|P|"), answer: nak("AE", "101", at: "MSH^1^12^1^1")),
        // The patient: AE 101 / 103 / 204 / 205
        .init(name: "PID-3 empty", bytes: message("||ADT^A08|M26|P|2.5.1", ["PID|1||||Doe^Jane"]),
              answer: nak("AE", "101", at: "PID^1^3")),
        .init(name: "PID-3 with only a non-MRN identifier",
              bytes: message("||ADT^A08|M27|P|2.5.1", ["PID|1||555^^^OTHER^PI||Doe^Jane"]), answer: nak("AE", "101", at: "PID^1^3")),
        .init(name: "PID-3 null (\"\")", bytes: message("||ADT^A08|M28|P|2.5.1", ["PID|1||\"\"||Doe^Jane"]),
              answer: nak("AE", "101", at: "PID^1^3")),
        .init(name: "PID-30 outside Table 0136",
              bytes: message("||ADT^A08|M29|P|2.5.1", [pid + String(repeating: "|", count: 22) + "X"]), answer: nak("AE", "103", at: "PID^1^30")),
        .init(name: "A40 with MRG-1 empty", bytes: message("||ADT^A40|M30|P|2.5.1", [pid, "MRG|"]),
              answer: nak("AE", "101", at: "MRG^1^1")),
        .init(name: "A40 for an unknown prior patient", bytes: message("||ADT^A40|M31|P|2.5.1", [pid, "MRG|NOBODY^^^HOSPITAL^MR"]),
              answer: nak("AE", "204", at: "MRG^1^1")),
        .init(name: "A47 to an identifier of another patient",
              bytes: message("||ADT^A47|M32|P|2.5.1", ["PID|1||DUP-B^^^HOSPITAL^MR||Doe^Jane", "MRG|DUP-A^^^HOSPITAL^MR"]),
              answer: nak("AE", "205", at: "PID^1^3")),
        .init(name: "A13 for an unknown patient", bytes: message("||ADT^A13|M33|P|2.5.1", ["PID|1||NOBODY^^^HOSPITAL^MR||Doe"]),
              answer: nak("AE", "204", at: "PID^1^3")),
        // Character sets and sizes
        .init(name: "MSH-18 naming an unsupported character set", bytes: message("||ADT^A08|M34|P|2.5.1||||||ISO IR87"),
              answer: nak("AE", "103", at: "MSH^1^18")),
        .init(name: "invalid UTF-8 in a UNICODE UTF-8 message",
              bytes: MLLPTestClient.frame(Array((msh + "||ADT^A08|M35|P|2.5.1||||||UNICODE UTF-8\rPID|1||BAD-1^^^HOSPITAL^MR||D").utf8)
                  + [0xC3, 0x28, 0xFF] + Array("e^Jane\r".utf8)),
              answer: nak("AE", "102")),
        .init(name: "a field over 64 KiB",
              bytes: message("||ADT^A08|M36|P|2.5.1", ["PID|1||BAD-1^^^HOSPITAL^MR||" + String(repeating: "A", count: 70_000)]),
              answer: nak("AE", "102", at: "PID^1^5")),
        .init(name: "more than 2,000 segments",
              bytes: message("||ADT^A08|M37|P|2.5.1", [pid] + Array(repeating: "NTE|1||x", count: 2_001)),
              answer: nak("AE", "207")),
        // Enhanced mode (MSH-15 / MSH-16)
        .init(name: "enhanced mode, unknown event: CR only", bytes: message("||ADT^A99|M38|P|2.5.1|||AL|AL"),
              answer: nak("CR", "201", at: "MSH^1^9^1^2")),
        .init(name: "enhanced mode, PID-3 empty: CA then AE",
              bytes: message("||ADT^A08|M39|P|2.5.1|||AL|AL", ["PID|1||||Doe^Jane"]),
              answer: .acks([Ack(code: "CA", condition: nil, location: nil), Ack(code: "AE", condition: "101", location: "PID^1^3")])),
        .init(name: "enhanced mode, two MSH: CE", bytes: framed(msh + "||ADT^A08|M40|P|2.5.1|||AL|AL\r" + msh + "||ADT^A08|M40B|P|2.5.1\r"),
              answer: nak("CE", "100", at: "MSH^2")),
        .init(name: "enhanced mode NE/AL, two MSH: AE", bytes: framed(msh + "||ADT^A08|M48|P|2.5.1|||NE|AL\r" + msh + "||ADT^A08|M48B|P|2.5.1\r"),
              answer: nak("AE", "100", at: "MSH^2")),
        .init(name: "enhanced mode NE/ER, wrong version: AR only", bytes: message("||ADT^A08|M41|P|9.9|||NE|ER"),
              answer: nak("AR", "203", at: "MSH^1^12^1^1")),
        // Before v2.5: the condition and location go in ERR-1 (ELD)
        .init(name: "v2.3 message with PID-3 empty", bytes: message("||ADT^A08|M42|P|2.3", ["PID|1||||Doe^Jane"]),
              answer: nak("AE", "101", at: "PID^1^3")),
        // Framing (MLLP): the connection is closed, nothing is answered
        .init(name: "binary noise", bytes: Array((0..<4096).map { UInt8($0 % 256) }.filter { $0 != 0x0B }), answer: .close),
        .init(name: "over 1 KiB of text before the start block",
              bytes: Array(String(repeating: "garbage ", count: 200).utf8) + message("||ADT^A08|M44|P|2.5.1"), answer: .close),
        .init(name: "truncated frame: the sender stops inside it", bytes: [0x0B] + Array((msh + "||ADT^A08|M45|P|2.5.1\rPID|1||").utf8),
              answer: .close, halfClose: true),
        .init(name: "end block not followed by CR", bytes: [0x0B] + Array((msh + "||ADT^A08|M46|P|2.5.1\r").utf8) + [0x1C, 0x0A],
              answer: .close),
        .init(name: "frame over 1 MiB", bytes: [0x0B] + Array(repeating: 0x41, count: oneMiB + 10) + [0x1C, 0x0D], answer: .close),
    ]

    /// Inputs with stray bytes MLLP tells receivers to ignore: the message is processed.
    static let tolerated: [(name: String, bytes: [UInt8])] = [
        ("a few bytes before the start block", Array("xyz".utf8) + message("||ADT^A08|T01|P|2.5.1")),
        ("an abandoned partial frame, then the message",
         [0x0B] + Array((msh + "||ADT^A08|T02X|P|2.5.1\rPI").utf8) + message("||ADT^A08|T02|P|2.5.1")),
    ]
}
