/// The checks a receiver makes on `MSH` before taking a message on (HL7 v2.5.1 §2.9.2.2:
/// message type, version and processing ID), plus the header fields an acknowledgment needs.
/// Each failed check is one ``HL7Error``; 200–203 make the answer a reject (AR / CR).
public struct HL7Acceptance: Sendable, Hashable {
    /// MSH-12 values accepted: 2.3 to 2.8 (PhotoGate behaves as 2.5.1).
    public var versions: Set<String>
    /// MSH-11.1 values accepted (Table 0103).
    public var processingIDs: Set<String>
    /// Accepted `code^event` pairs (MSH-9.1, MSH-9.2), e.g. `ADT^A01`; nil accepts any.
    public var messageEvents: Set<String>?

    public static let supportedVersions: Set<String> = [
        "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2",
    ]

    public init(
        versions: Set<String> = Self.supportedVersions, processingIDs: Set<String> = ["P", "D", "T"],
        messageEvents: Set<String>? = nil
    ) {
        self.versions = versions
        self.processingIDs = processingIDs
        self.messageEvents = messageEvents
    }

    /// Every problem with `header`, in field order; empty when the message can be taken on.
    public func check(_ header: HL7Header) -> [HL7Error] {
        var errors: [HL7Error] = []
        func missing(_ field: Int, _ component: Int? = nil, _ what: String) {
            let location = HL7ErrorLocation(segmentID: "MSH", field: field, fieldRepetition: 1, component: component ?? 1)
            errors.append(HL7Error(.requiredFieldMissing, "MSH-\(field) (\(what)) is empty", at: location))
        }
        if let type = header.messageType {
            if let events = messageEvents {
                if !events.contains(where: { $0.hasPrefix(type.code + "^") }) {
                    errors.append(HL7Error(
                        .unsupportedMessageType, "message type \(type.code) is not accepted here",
                        at: HL7ErrorLocation(segmentID: "MSH", field: 9, fieldRepetition: 1, component: 1)))
                } else if !events.contains("\(type.code)^\(type.triggerEvent ?? "")") {
                    errors.append(HL7Error(
                        .unsupportedEventCode, "event \(type.triggerEvent ?? "(none)") of \(type.code) is not accepted here",
                        at: HL7ErrorLocation(segmentID: "MSH", field: 9, fieldRepetition: 1, component: 2)))
                }
            }
        } else {
            missing(9, 1, "message type")
        }
        if header.controlID == nil { missing(10, nil, "message control ID") }
        if let id = header.processingID {
            if !processingIDs.contains(id) {
                errors.append(HL7Error(
                    .unsupportedProcessingID, "processing ID \(id) is not accepted here",
                    at: HL7ErrorLocation(segmentID: "MSH", field: 11, fieldRepetition: 1, component: 1)))
            }
        } else {
            missing(11, nil, "processing ID")
        }
        if let version = header.version {
            if !versions.contains(version) {
                errors.append(HL7Error(
                    .unsupportedVersionID, "version \(version) is not accepted here",
                    at: HL7ErrorLocation(segmentID: "MSH", field: 12, fieldRepetition: 1, component: 1)))
            }
        } else {
            missing(12, nil, "version ID")
        }
        return errors
    }
}
