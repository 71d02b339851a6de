import PhotoGateCore

/// Why a DICOM network operation failed. ``Kind`` identifiers are stable.
///
/// The error registry has no network codes yet; ``pgError`` maps each kind to the closest
/// registry code until it does.
public struct DicomNetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// TCP connection refused, host unknown, or the connect timed out.
        case unreachable = "dicom.unreachable"
        /// The peer answered with A-ASSOCIATE-RJ (see ``DicomNetworkError/rejection``).
        case associationRejected = "dicom.association-rejected"
        /// The peer accepted none of the presentation contexts needed.
        case noPresentationContext = "dicom.no-presentation-context"
        /// The association was aborted, timed out or broke the protocol.
        case associationFailed = "dicom.association-failed"
        /// The SCP cannot bind or listen on its port.
        case listenFailed = "dicom.listen-failed"
        /// A bad argument: query key, level, configuration.
        case invalidRequest = "dicom.invalid-request"
        /// A file to send cannot be read.
        case unreadableFile = "dicom.unreadable-file"
        case internalError = "dicom.internal"
    }

    public let kind: Kind
    public let message: String
    /// The A-ASSOCIATE-RJ, for ``Kind/associationRejected``.
    public let rejection: DicomAssociationRejection?

    public init(_ kind: Kind, _ message: String, rejection: DicomAssociationRejection? = nil) {
        self.kind = kind
        self.message = message
        self.rejection = rejection
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    /// The registry error to present on HTTP/HL7/DICOM.
    public var pgError: PGError {
        switch kind {
        case .invalidRequest: return PGError(.badRequest, message)
        case .unreadableFile: return PGError(.invalidDicomFile, message)
        case .listenFailed: return PGError(.invalidConfiguration, message)
        case .unreachable, .associationRejected, .noPresentationContext, .associationFailed, .internalError:
            return PGError(.internalError, message)
        }
    }
}
