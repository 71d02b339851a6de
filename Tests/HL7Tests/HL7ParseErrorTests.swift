import HL7
import PhotoGateCore
import Testing

/// Broken input: each is refused with a Table 0357 code, a location where there is one, and a
/// registry code.
struct HL7ParseErrorTests {
    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var limits = HL7Limits.default
        let code: HL7ErrorCode
        var location: String?
        var registry: PGErrorCode
        var testDescription: String { name }

        init(_ name: String, _ text: String, limits: HL7Limits = .default, _ code: HL7ErrorCode, at location: String? = nil,
             registry: PGErrorCode? = nil) {
            self.init(name, Array(text.utf8), limits: limits, code, at: location, registry: registry)
        }

        init(_ name: String, _ bytes: [UInt8], limits: HL7Limits = .default, _ code: HL7ErrorCode, at location: String? = nil,
             registry: PGErrorCode? = nil) {
            self.name = name
            self.bytes = bytes
            self.limits = limits
            self.code = code
            self.location = location
            self.registry = registry ?? code.registryCode
        }
    }

    static let msh = #"MSH|^~\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1"#
    static let tight = HL7Limits(maxMessageBytes: 200, maxSegments: 3, maxFieldBytes: 16)

    static let cases: [Broken] = [
        Broken("empty input", "", .segmentSequenceError),
        Broken("only white space", "\r\n \n", .segmentSequenceError),
        Broken("no MSH", "PID|1||X1\r", .segmentSequenceError),
        Broken("batch header first", "BHS|^~\\&|A\r\(msh)\r", .segmentSequenceError),
        Broken("MSH without delimiters", "MSH\r", .segmentSequenceError),
        Broken("MSH-2 too short", #"MSH|^~\|A"# + "\r", .dataTypeError, at: "MSH^1^2"),
        Broken("MSH-2 too long", #"MSH|^~\&#!|A"# + "\r", .dataTypeError, at: "MSH^1^2"),
        Broken("delimiter repeated", #"MSH|^~\^|A"# + "\r", .dataTypeError, at: "MSH^1^2"),
        Broken("letter as delimiter", #"MSH|^~\A|A"# + "\r", .dataTypeError, at: "MSH^1^2"),
        Broken("lower-case segment ID", "\(msh)\rpid|1\r", .segmentSequenceError),
        Broken("segment ID too long", "\(msh)\rPIDX|1\r", .segmentSequenceError, at: "PID^1"),
        Broken("second MSH in one frame", "\(msh)\r\(msh)\r", .segmentSequenceError, at: "MSH^2"),
        Broken("unsupported character set", "\(msh)||||||8859/2\rPID|1\r", .tableValueNotFound, at: "MSH^1^18"),
        Broken("UCS-2 character set", "\(msh)||||||UNICODE\r", .tableValueNotFound, at: "MSH^1^18"),
        Broken(
            "invalid UTF-8 in a UTF-8 message", Array("\(msh)||||||UNICODE UTF-8\rPID|1||".utf8) + [0xC3, 0x28] + [0x0D],
            .dataTypeError),
        Broken("field too long", "\(msh)\rPID|1||X1||ABCDEFGHIJKLMNOPQRSTUVWXYZ\r", limits: tight, .dataTypeError, at: "PID^1^5"),
        Broken("field too long in a second NK1", "\(msh)\rNK1|1|A\rNK1|2|ABCDEFGHIJKLMNOPQRSTUVWXYZ\r",
               limits: HL7Limits(maxFieldBytes: 16), .dataTypeError, at: "NK1^2^2"),
        Broken("too many segments", "\(msh)\rEVN|A01\rPID|1\rPV1|1\r", limits: tight, .applicationInternalError,
               registry: .payloadTooLarge),
        Broken("message too large", "\(msh)\rNTE|1||" + String(repeating: "x", count: 300) + "\r", limits: tight,
               .applicationInternalError, registry: .payloadTooLarge),
    ]

    @Test(arguments: cases)
    func brokenInputIsRefusedWithItsCode(broken: Broken) {
        // Given broken input; When parsed
        #expect {
            try HL7Message(parsing: broken.bytes, limits: broken.limits)
        } throws: { error in
            // Then the error names the Table 0357 condition, the location and the registry code
            guard let error = error as? HL7Error else { return false }
            return error.code == broken.code && error.location?.description == broken.location
                && error.registryCode == broken.registry && error.severity == .error
        }
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        // Given a UTF-8 message with a stray continuation byte after its MSH
        let header = Array("\(Self.msh)||||||UNICODE UTF-8\rNTE|1||Zoë ".utf8)
        let bytes = header + [0x80]
        // When parsed; Then the message says where
        let expected = "the message is not valid UTF-8 at byte \(header.count) (MSH-18 says UNICODE UTF-8)"
        #expect(throws: HL7Error(.dataTypeError, expected)) {
            try HL7Message(parsing: bytes)
        }
    }

    @Test func errorsNeverQuoteFieldContents() {
        // Given a too-long field holding a name; When refused
        let text = "\(Self.msh)\rPID|1||X1||SECRETNAME^SECRETGIVEN\r"
        do {
            _ = try HL7Message(parsing: text, limits: HL7Limits(maxFieldBytes: 10))
            Issue.record("expected an error")
        } catch {
            // Then the message names the position and the limit, not the value
            #expect(!error.description.contains("SECRET"))
            #expect(error.message == "PID-5 is 22 bytes, more than the limit of 10")
        }
    }

    @Test func salvagedHeaderAddressesInputBrokenFurtherOn() throws {
        // Given input whose MSH is fine but whose second segment is not
        let bytes = Array("\(Self.msh)\rpid|1\r".utf8)
        // When the header is salvaged; Then it reads the MSH fields
        let header = try #require(HL7Message.salvageHeader(from: bytes)).header
        #expect(header.controlID == "1")
        #expect(header.sendingApplication.namespaceID == "A")
        #expect(HL7Message.salvageHeader(from: Array("PID|1\r".utf8)) == nil)
    }
}
