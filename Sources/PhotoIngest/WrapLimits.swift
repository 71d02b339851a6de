/// Size limits of the wrap pipeline. Every input size is bounded (a hostile header cannot
/// make PhotoGate allocate what it claims).
public struct WrapLimits: Sendable, Equatable {
    /// Largest photo file accepted.
    public var maxInputBytes: UInt64 = 1 << 30
    /// Largest image, in pixels, accepted (200 megapixels by default: larger than any
    /// camera sensor in clinical use).
    public var maxPixels: UInt64 = 200_000_000
    /// Quality used when pixels have to be re-encoded (orientation without a lossless
    /// transform, progressive or arithmetic-coded input).
    public var reencodeQuality = 95
    /// Photos up to this size are processed in memory; larger ones stream through a scratch
    /// file beside the output, so memory use stays flat however large the photo is.
    public var inMemoryJPEGBytes: UInt64 = 16 << 20

    public init() {}
}
