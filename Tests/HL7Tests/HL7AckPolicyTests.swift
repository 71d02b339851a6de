import HL7
import Testing

/// Which acknowledgments are sent, and their MSA-1 (HL7 v2.5.1 §2.9, Tables 0008 and 0155).
struct HL7AckPolicyTests {
    static func header(accept: String = "", application: String = "") throws -> HL7Header {
        try HL7Message(parsing: #"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1|||"# + "\(accept)|\(application)\r").header
    }

    @Test func bothEmptyIsOriginalMode() throws {
        // Given MSH-15 and MSH-16 empty; Then original mode: one application ACK, always sent
        let header = try Self.header()
        #expect(HL7AckPolicy.mode(for: header) == .original)
        #expect(HL7AckPolicy.kinds(for: header) == [.application])
        for status in HL7Outcome.Status.allCases {
            #expect(HL7AckPolicy.shouldSend(.application, for: header, status: status))
            #expect(!HL7AckPolicy.shouldSend(.accept, for: header, status: status))
        }
    }

    @Test(arguments: [("AL", ""), ("", "AL"), ("NE", "NE"), ("ER", "SU")])
    func eitherValuedIsEnhancedMode(accept: String, application: String) throws {
        // Given MSH-15 or MSH-16 valued; Then enhanced mode: accept ACK then application ACK
        let header = try Self.header(accept: accept, application: application)
        #expect(HL7AckPolicy.mode(for: header) == .enhanced)
        #expect(HL7AckPolicy.kinds(for: header) == [.accept, .application])
    }

    @Test(arguments: [
        ("AL", HL7Outcome.Status.accepted, true), ("AL", .error, true), ("AL", .rejected, true),
        ("NE", .accepted, false), ("NE", .error, false), ("NE", .rejected, false),
        ("ER", .accepted, false), ("ER", .error, true), ("ER", .rejected, true),
        ("SU", .accepted, true), ("SU", .error, false), ("SU", .rejected, false),
        ("", .accepted, true), ("", .error, true), ("", .rejected, true),
    ])
    func conditionDecidesWhetherToSend(condition: String, status: HL7Outcome.Status, send: Bool) throws {
        // Given enhanced mode with the condition in MSH-15 (accept) or MSH-16 (application), the other
        // field valued so the mode stays enhanced; an empty condition reads as AL
        let acceptHeader = try Self.header(accept: condition, application: "AL")
        let applicationHeader = try Self.header(accept: "AL", application: condition)
        // When deciding for this outcome; Then Table 0155 is followed
        #expect(HL7AckPolicy.shouldSend(.accept, for: acceptHeader, status: status) == send)
        #expect(HL7AckPolicy.shouldSend(.application, for: applicationHeader, status: status) == send)
    }

    @Test(arguments: [
        ("AL", "AL", HL7Outcome.Status.accepted, [HL7AckKind.accept, .application]),
        ("AL", "AL", .error, [.accept, .application]),
        ("AL", "AL", .rejected, [.accept]),
        ("NE", "AL", .rejected, [.application]),
        ("ER", "ER", .rejected, [.accept]),
        ("NE", "ER", .accepted, []),
        ("", "", .rejected, [.application]),
    ])
    func aCommitRejectEndsTheExchange(accept: String, application: String, status: HL7Outcome.Status,
                                      kinds: [HL7AckKind]) throws {
        // Given MSH-15 / MSH-16; When the outcome has this status
        let header = try Self.header(accept: accept, application: application)
        // Then these are sent, in order: a CR is not followed by an application ACK
        #expect(HL7AckPolicy.toSend(for: header, status: status) == kinds)
    }

    @Test(arguments: [
        (HL7AckKind.application, HL7Outcome.Status.accepted, HL7AckCode.applicationAccept),
        (.application, .error, .applicationError), (.application, .rejected, .applicationReject),
        (.accept, .accepted, .commitAccept), (.accept, .error, .commitError), (.accept, .rejected, .commitReject),
    ])
    func codeFollowsKindAndStatus(kind: HL7AckKind, status: HL7Outcome.Status, code: HL7AckCode) {
        #expect(HL7AckPolicy.code(kind, status: status) == code)
    }

    @Test func outcomeStatusFollowsTheWorstError() {
        let warning = HL7Error(.tableValueNotFound, "PID-8 X is not in Table 0001", severity: .warning)
        let error = HL7Error(.requiredFieldMissing, "PID-3 is empty")
        let reject = HL7Error(.unsupportedVersionID, "version 2.2")
        #expect(HL7Outcome(errors: []).status == .accepted)
        #expect(HL7Outcome(errors: [warning]).status == .accepted)
        #expect(HL7Outcome(errors: [warning, error]).status == .error)
        #expect(HL7Outcome(errors: [error, reject]).status == .rejected)
    }
}
