/// Bounds on what the parser accepts, so that one sender cannot make the gateway hold an
/// unbounded message. Exceeding one is an ``HL7Error``: the message size and segment count give
/// 207 (registry `PG-5004` payload too large, answered AE: resending the same message will not
/// help), a field gives 102 (data type error) at its location.
public struct HL7Limits: Sendable, Hashable {
    /// Largest message, in bytes as received (1 MiB). ADT messages are a few KiB.
    public var maxMessageBytes: Int
    /// Most segments in one message (2,000).
    public var maxSegments: Int
    /// Longest field, in UTF-8 bytes as written, escape sequences included (64 KiB).
    public var maxFieldBytes: Int

    public init(maxMessageBytes: Int = 1 << 20, maxSegments: Int = 2_000, maxFieldBytes: Int = 1 << 16) {
        self.maxMessageBytes = maxMessageBytes
        self.maxSegments = maxSegments
        self.maxFieldBytes = maxFieldBytes
    }

    public static let `default` = HL7Limits()
}
