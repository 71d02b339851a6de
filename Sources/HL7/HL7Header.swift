/// What the `MSH` segment says (HL7 v2.5.1 §2.14.9), unescaped, each nil when empty or null.
public struct HL7Header: Sendable, Hashable {
    /// MSH-3
    public var sendingApplication: HL7HierarchicDesignator
    /// MSH-4
    public var sendingFacility: HL7HierarchicDesignator
    /// MSH-5
    public var receivingApplication: HL7HierarchicDesignator
    /// MSH-6
    public var receivingFacility: HL7HierarchicDesignator
    /// MSH-7 (TS.1 / DTM), as written.
    public var dateTimeOfMessage: String?
    /// MSH-9
    public var messageType: HL7MessageType?
    /// MSH-10
    public var controlID: String?
    /// MSH-11.1, Table 0103: `P` production, `D` debugging, `T` training.
    public var processingID: String?
    /// MSH-12.1, e.g. `2.5.1`.
    public var version: String?
    /// MSH-15, accept acknowledgment type.
    public var acceptAcknowledgmentType: HL7AckCondition?
    /// MSH-16, application acknowledgment type.
    public var applicationAcknowledgmentType: HL7AckCondition?
    /// MSH-18.1, as written (the parsed value is the message's ``HL7Encoding/charset``).
    public var characterSet: String?

    /// The header of `message` (all nil for a message without `MSH`, which parsing never yields).
    public init(_ message: HL7Message) {
        let msh = message.segment("MSH") ?? HL7Segment(name: "MSH", fields: [], encoding: message.encoding)
        sendingApplication = HL7HierarchicDesignator(msh.field(3))
        sendingFacility = HL7HierarchicDesignator(msh.field(4))
        receivingApplication = HL7HierarchicDesignator(msh.field(5))
        receivingFacility = HL7HierarchicDesignator(msh.field(6))
        dateTimeOfMessage = msh.field(7).value
        let type = msh.field(9)
        messageType = type.value.map {
            HL7MessageType(code: $0, triggerEvent: type.component(2).value, structure: type.component(3).value)
        }
        controlID = msh.field(10).value
        processingID = msh.field(11).value
        version = msh.field(12).value
        acceptAcknowledgmentType = HL7AckCondition(field: msh.field(15).value)
        applicationAcknowledgmentType = HL7AckCondition(field: msh.field(16).value)
        characterSet = msh.field(18).value
    }

    /// MSH-7 parsed; nil when empty or not a DTM.
    public var dateTime: HL7DateTime? { dateTimeOfMessage.flatMap(HL7DateTime.init) }

    /// MSH-12 as comparable numbers (`2.5.1` → [2, 5, 1]); nil when empty or not numeric.
    public var versionNumbers: [Int]? {
        guard let version else { return nil }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }
}

extension HL7Message {
    /// The header view of this message's `MSH`.
    public var header: HL7Header { HL7Header(self) }
}
