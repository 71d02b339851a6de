import HL7

/// What one step sent and got back: the values expectations look at and the transcript the
/// report shows.
public struct Observation: Sendable {
    public var status: Int?
    public var headers: [(String, String)] = []
    /// The response body as text (binary bodies are summarised).
    public var body: String?
    /// The JSON result: the HTTP body when it is JSON, the DIMSE result, the event page.
    public var json: JSON?
    /// Acknowledgments received (nil when one could not be parsed), in order.
    public var acks: [HL7Message?] = []
    /// What was sent, as the report shows it.
    public var request: String = ""
    /// What came back, as the report shows it.
    public var response: String = ""

    public init() {}
}
