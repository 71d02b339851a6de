import PhotoGateCore

/// A DIMSE status (PS3.7 Annex C) as carried in a response's Status (0000,0900).
public struct DicomStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// The status the error registry assigns to an error (``PGErrorCode/dicomStatus``).
    public init(_ error: PGError) { self.rawValue = error.code.dicomStatus }

    public static let success = DicomStatus(0x0000)
    /// C-FIND matches / C-MOVE and C-GET sub-operations are continuing.
    public static let pending = DicomStatus(0xFF00)
    public static let cancel = DicomStatus(0xFE00)
    public static let sopClassNotSupported = DicomStatus(0x0122)
    /// C-STORE / C-FIND: refused, out of resources.
    public static let outOfResources = DicomStatus(0xA700)
    /// C-MOVE / C-GET: refused, out of resources, unable to perform sub-operations.
    public static let unableToPerformSubOperations = DicomStatus(0xA702)
    public static let moveDestinationUnknown = DicomStatus(0xA801)
    /// Data set (C-STORE) or identifier (C-FIND/C-MOVE/C-GET) does not match the SOP class.
    public static let dataSetDoesNotMatchSOPClass = DicomStatus(0xA900)
    /// Cannot understand / unable to process (the Cxxx range).
    public static let cannotUnderstand = DicomStatus(0xC000)
    /// C-STORE warning: coercion of data elements.
    public static let coercionOfDataElements = DicomStatus(0xB000)
    /// C-MOVE / C-GET warning: sub-operations complete, one or more failures or warnings.
    public static let subOperationsCompleteWithFailures = DicomStatus(0xB000)

    /// PS3.7 C.1: how a status reads.
    public enum Category: Sendable, Equatable {
        case success, warning, pending, cancel, failure
    }

    public var category: Category {
        switch rawValue {
        case 0x0000: return .success
        case 0xFF00, 0xFF01: return .pending
        case 0xFE00: return .cancel
        case 0x0001, 0x0107, 0x0116, 0xB000...0xBFFF: return .warning
        default: return .failure
        }
    }

    public var isSuccess: Bool { category == .success }
    /// Success or warning: the operation was performed.
    public var isSuccessOrWarning: Bool { category == .success || category == .warning }
    public var isFailure: Bool { category == .failure }

    /// `0xA700`
    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
