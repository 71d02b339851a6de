/// Bounds on what a decoder accepts, so hostile input costs little (PLATFORM.md: cap the
/// input size before parsing).
public struct FHIRDecodingLimits: Sendable, Equatable {
    /// Largest document accepted, in bytes. The default leaves room for a Media resource with a
    /// photo of ~20 MB inline as base64.
    public var maxBytes: Int
    /// Deepest nesting of JSON values or XML elements accepted.
    public var maxDepth: Int

    public init(maxBytes: Int = 32 * 1024 * 1024, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = FHIRDecodingLimits()
}
