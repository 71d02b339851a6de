/// Bounds a multipart body must keep (PS3.18 10.5.1: a server may refuse what it cannot take).
public struct MultipartLimits: Sendable, Equatable {
    /// Most bytes in the whole body, preamble and epilogue included.
    public var maxBodyBytes: Int
    /// Most bytes in one part's body.
    public var maxPartBytes: Int
    /// Most parts.
    public var maxParts: Int
    /// Most bytes in one part's header block.
    public var maxHeaderBytes: Int

    public init(maxBodyBytes: Int = 64 << 20, maxPartBytes: Int = 64 << 20, maxParts: Int = 1000,
                maxHeaderBytes: Int = 8192) {
        self.maxBodyBytes = maxBodyBytes
        self.maxPartBytes = maxPartBytes
        self.maxParts = maxParts
        self.maxHeaderBytes = maxHeaderBytes
    }
}
