/// The error registry (STYLE.md, habit 5). Codes are stable: never renumber or reuse one.
///
/// Each code maps to
/// - an HTTP status (for `/api`, `/fhir`, `/dicomweb`),
/// - an HL7 v2 acknowledgment code and a Table 0357 error condition code (HL7 v2.5.1 §2.15.5),
/// - a DICOM DIMSE status (PS3.7 Annex C; A9xx/Cxxx failures, A7xx out of resources).
public enum PGErrorCode: String, Sendable, CaseIterable {
    // 1xxx: photo input and wrapping
    case inputUnreadable = "PG-1001"
    case unsupportedFormat = "PG-1002"
    case malformedImage = "PG-1003"
    case imageTooLarge = "PG-1004"
    case unsupportedJPEGProcess = "PG-1005"
    case invalidAttribute = "PG-1006"
    case missingRequired = "PG-1007"
    case unknownBodySite = "PG-1008"
    case invalidUIDRoot = "PG-1009"
    // 2xxx: storage and output
    case outputWriteFailed = "PG-2001"
    // 3xxx: DICOM toolkit and files
    case dicomToolkitUnavailable = "PG-3001"
    case invalidDicomFile = "PG-3002"
    case codecFailure = "PG-3003"
    // 4xxx: business rules and resources
    case invalidStateTransition = "PG-4001"
    case releaseRequiresNote = "PG-4002"
    case releaseRequiresConsent = "PG-4003"
    case notFound = "PG-4004"
    case publicationDenied = "PG-4005"
    case conflict = "PG-4006"
    /// An identifier to be given to a record already belongs to another one (HL7 205).
    case duplicateIdentifier = "PG-4007"
    // 5xxx: requests and access
    case unauthenticated = "PG-5001"
    case forbidden = "PG-5002"
    case badRequest = "PG-5003"
    case payloadTooLarge = "PG-5004"
    case unsupportedMediaType = "PG-5005"
    /// A message's segments are missing or out of order (HL7 100, segment sequence error).
    case messageStructure = "PG-5006"
    /// A coded value is not in the table it must come from (HL7 103, table value not found).
    case unknownCodeValue = "PG-5007"
    /// A message type this interface does not take (HL7 200).
    case unsupportedMessageType = "PG-5008"
    /// A trigger event this interface does not take (HL7 201).
    case unsupportedEvent = "PG-5009"
    /// A processing ID (HL7 Table 0103) this interface does not take (HL7 202).
    case unsupportedProcessingID = "PG-5010"
    /// A message version this interface does not take (HL7 203).
    case unsupportedVersion = "PG-5011"
    /// None of the representations the client accepts can be produced (HTTP 406; DICOMweb
    /// Accept negotiation, PS3.18 8.7.1).
    case notAcceptable = "PG-5012"
    // 6xxx: configuration and keys
    case invalidConfiguration = "PG-6001"
    case keyUnavailable = "PG-6002"
    // 9xxx: anything else
    case internalError = "PG-9001"

    /// The stable identifier, e.g. `PG-1003`.
    public var id: String { rawValue }

    /// HTTP status for this error.
    public var httpStatus: Int {
        switch self {
        case .inputUnreadable, .malformedImage, .invalidAttribute, .missingRequired, .invalidDicomFile:
            return 400
        case .unknownBodySite, .releaseRequiresNote, .releaseRequiresConsent, .unknownCodeValue: return 422
        case .unsupportedFormat, .unsupportedJPEGProcess, .unsupportedMediaType: return 415
        case .imageTooLarge, .payloadTooLarge: return 413
        case .invalidStateTransition, .conflict, .duplicateIdentifier: return 409
        case .notFound: return 404
        case .notAcceptable: return 406
        case .publicationDenied, .forbidden: return 403
        case .unauthenticated: return 401
        case .badRequest, .messageStructure, .unsupportedMessageType, .unsupportedEvent, .unsupportedProcessingID,
             .unsupportedVersion:
            return 400
        case .invalidUIDRoot, .outputWriteFailed, .dicomToolkitUnavailable, .codecFailure, .internalError,
             .invalidConfiguration, .keyUnavailable:
            return 500
        }
    }

    /// HL7 v2 Table 0357 message error condition code (HL7 v2.5.1 §2.15.5.3).
    public var hl7ErrorCondition: String {
        switch self {
        case .missingRequired: return "101"   // required field missing
        case .invalidAttribute, .malformedImage, .inputUnreadable, .invalidDicomFile, .badRequest: return "102"  // data type error
        case .unknownBodySite, .unknownCodeValue: return "103"  // table value not found
        case .messageStructure: return "100"  // segment sequence error
        case .unsupportedMessageType: return "200"
        case .unsupportedEvent: return "201"
        case .unsupportedProcessingID: return "202"
        case .unsupportedVersion: return "203"
        case .notFound: return "204"          // unknown key identifier
        case .duplicateIdentifier: return "205"
        case .unsupportedFormat, .unsupportedJPEGProcess, .imageTooLarge, .payloadTooLarge, .unsupportedMediaType,
             .invalidStateTransition, .releaseRequiresNote, .releaseRequiresConsent, .publicationDenied, .conflict,
             .unauthenticated, .forbidden, .notAcceptable:
            return "207"
        case .invalidUIDRoot, .outputWriteFailed, .dicomToolkitUnavailable, .codecFailure, .internalError,
             .invalidConfiguration, .keyUnavailable:
            return "207"                      // application internal error
        }
    }

    /// HL7 v2 Table 0008 acknowledgment code (HL7 v2.5.1 §2.9.2): AR when MSH-9, MSH-11 or
    /// MSH-12 cannot be accepted (200–203) and for our own failures; AE for errors in the content.
    public var hl7AckCode: String {
        switch hl7ErrorCondition {
        case "200", "201", "202", "203": return "AR"
        case "207" where httpStatus >= 500: return "AR"
        default: return "AE"
        }
    }

    /// DICOM DIMSE status (PS3.7 Annex C): 0xA700 out of resources for storage trouble,
    /// 0xA900 data set does not match SOP class, 0xC000 cannot understand.
    public var dicomStatus: UInt16 {
        switch self {
        case .outputWriteFailed, .keyUnavailable, .payloadTooLarge: return 0xA700
        case .invalidAttribute, .missingRequired, .unknownBodySite, .unsupportedJPEGProcess: return 0xA900
        default: return 0xC000
        }
    }
}
