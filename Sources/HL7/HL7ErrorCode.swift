import PhotoGateCore

/// HL7 Table 0357, message error condition codes (HL7 v2.5.1 §2.15.5.3, ERR-3), the codes
/// PhotoGate reports. Codes are stable: they travel in ERR-3 as `code^text^HL70357`.
public enum HL7ErrorCode: Int, Sendable, Hashable, CaseIterable {
    case messageAccepted = 0
    case segmentSequenceError = 100
    case requiredFieldMissing = 101
    case dataTypeError = 102
    case tableValueNotFound = 103
    case unsupportedMessageType = 200
    case unsupportedEventCode = 201
    case unsupportedProcessingID = 202
    case unsupportedVersionID = 203
    case unknownKeyIdentifier = 204
    case duplicateKeyIdentifier = 205
    case applicationRecordLocked = 206
    case applicationInternalError = 207

    /// The code as written in ERR-3.1, e.g. `101`.
    public var identifier: String { String(rawValue) }

    /// The Table 0357 text, written in ERR-3.2.
    public var text: String {
        switch self {
        case .messageAccepted: "Message accepted"
        case .segmentSequenceError: "Segment sequence error"
        case .requiredFieldMissing: "Required field missing"
        case .dataTypeError: "Data type error"
        case .tableValueNotFound: "Table value not found"
        case .unsupportedMessageType: "Unsupported message type"
        case .unsupportedEventCode: "Unsupported event code"
        case .unsupportedProcessingID: "Unsupported processing id"
        case .unsupportedVersionID: "Unsupported version id"
        case .unknownKeyIdentifier: "Unknown key identifier"
        case .duplicateKeyIdentifier: "Duplicate key identifier"
        case .applicationRecordLocked: "Application record locked"
        case .applicationInternalError: "Application internal error"
        }
    }

    /// The name of the coding system in ERR-3.3.
    public static let codingSystem = "HL70357"

    /// The PhotoGate registry code an error with this condition maps to by default; the
    /// registry maps it back to this condition (``PGErrorCode/hl7ErrorCondition``), except 0
    /// and 206, which PhotoGate never reports (they map to PG-5003 and PG-4006).
    public var registryCode: PGErrorCode {
        switch self {
        case .segmentSequenceError: .messageStructure
        case .requiredFieldMissing: .missingRequired
        case .messageAccepted, .dataTypeError: .badRequest
        case .tableValueNotFound: .unknownCodeValue
        case .unsupportedMessageType: .unsupportedMessageType
        case .unsupportedEventCode: .unsupportedEvent
        case .unsupportedProcessingID: .unsupportedProcessingID
        case .unsupportedVersionID: .unsupportedVersion
        case .unknownKeyIdentifier: .notFound
        case .duplicateKeyIdentifier: .duplicateIdentifier
        case .applicationRecordLocked: .conflict
        case .applicationInternalError: .internalError
        }
    }
}
