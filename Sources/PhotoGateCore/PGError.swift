/// The one error type that crosses PhotoGate's module boundaries.
///
/// Every error carries a stable code from ``PGErrorCode`` (the registry) and a one-line,
/// human-readable message. The registry decides how the error is presented on each
/// protocol (HTTP status, HL7 ACK, DICOM status), so shells never invent their own mapping.
public struct PGError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: PGErrorCode
    public let message: String

    public init(_ code: PGErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `PG-1003: truncated JPEG: no EOI marker`
    public var description: String { "\(code.id): \(message)" }
}
