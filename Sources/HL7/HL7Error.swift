import PhotoGateCore

/// A structured HL7 v2 error: a Table 0357 condition, a severity, where it was found and a
/// one-line message. It becomes one ERR segment of an acknowledgment (HL7 v2.5.1 §2.15.5) and
/// maps onto PhotoGate's error registry through ``pgError``.
///
/// Messages name positions and limits, never field contents: they end up in logs and ACKs.
public struct HL7Error: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: HL7ErrorCode
    public var severity: HL7Severity
    public var location: HL7ErrorLocation?
    /// Written in ERR-8 (user message).
    public var message: String
    /// The registry entry this error is reported as outside HL7 (logs, HTTP, metrics).
    public var registryCode: PGErrorCode

    public init(
        _ code: HL7ErrorCode, _ message: String, at location: HL7ErrorLocation? = nil,
        severity: HL7Severity = .error, registryCode: PGErrorCode? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.severity = severity
        self.registryCode = registryCode ?? code.registryCode
    }

    /// An error raised elsewhere in PhotoGate, reported in an ACK with the registry's Table 0357
    /// condition (``PGErrorCode/hl7ErrorCondition``).
    public init(_ error: PGError, at location: HL7ErrorLocation? = nil) {
        let code = Int(error.code.hl7ErrorCondition).flatMap(HL7ErrorCode.init(rawValue:)) ?? .applicationInternalError
        self.init(code, error.message, at: location, registryCode: error.code)
    }

    /// The registry error, e.g. `PG-1007: HL7 101 at PID^1^3: …`.
    public var pgError: PGError { PGError(registryCode, description) }

    /// Whether this error makes the receiver reject the message (AR / CR) rather than report an
    /// error in it (AE / CE): HL7 v2.5.1 §2.9.2 rejects when MSH-9, MSH-11 or MSH-12 cannot be
    /// accepted (200–203) and for reasons unrelated to the content (206 locked, and 207 when the
    /// registry says the failure is ours).
    public var isRejection: Bool {
        guard severity == .error else { return false }
        switch code {
        case .unsupportedMessageType, .unsupportedEventCode, .unsupportedProcessingID, .unsupportedVersionID,
             .applicationRecordLocked:
            return true
        case .applicationInternalError:
            return registryCode.hl7AckCode == "AR"
        default:
            return false
        }
    }

    /// `HL7 101 (Required field missing) at PID^1^3: PID-3 is empty`
    public var description: String {
        let place = location.map { " at \($0)" } ?? ""
        return "HL7 \(code.identifier) (\(code.text))\(place): \(message)"
    }
}
