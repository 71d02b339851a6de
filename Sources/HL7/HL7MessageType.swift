/// MSH-9, message type (MSG, HL7 v2.5.1 §2.A.47): the message code (Table 0076, `ADT`), the
/// trigger event (Table 0003, `A01`) and the message structure (Table 0354, `ADT_A01`; absent
/// before v2.3.1).
public struct HL7MessageType: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var triggerEvent: String?
    public var structure: String?

    public init(code: String, triggerEvent: String? = nil, structure: String? = nil) {
        self.code = code
        self.triggerEvent = triggerEvent
        self.structure = structure
    }

    /// `ADT^A01^ADT_A01`
    public var description: String {
        [code, triggerEvent, structure].compactMap { $0 }.joined(separator: "^")
    }
}
