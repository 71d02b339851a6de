/// An A-ASSOCIATE-RJ as received (PS3.8 Table 9-21).
public struct DicomAssociationRejection: Sendable, Equatable, CustomStringConvertible {
    /// 1 rejected-permanent, 2 rejected-transient.
    public let result: UInt8
    /// 1 service-user, 2 service-provider (ACSE), 3 service-provider (presentation).
    public let source: UInt8
    /// Meaning depends on source: service-user 1 no reason, 2 application context name not
    /// supported, 3 calling AE title not recognised, 7 called AE title not recognised;
    /// presentation 1 temporary congestion, 2 local limit exceeded.
    public let reason: UInt8

    public init(result: UInt8, source: UInt8, reason: UInt8) {
        self.result = result
        self.source = source
        self.reason = reason
    }

    /// Worth retrying later.
    public var isTransient: Bool { result == 2 }
    public var callingAETitleNotRecognized: Bool { source == 1 && reason == 3 }
    public var calledAETitleNotRecognized: Bool { source == 1 && reason == 7 }
    public var localLimitExceeded: Bool { source == 3 && reason == 2 }

    public var description: String { "result \(result), source \(source), reason \(reason)" }
}
