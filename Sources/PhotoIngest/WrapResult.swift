import PhotoFormats
import PhotoGateCore

/// What a wrap produced.
public struct WrapResult: Sendable {
    public let outputPath: String
    public let uids: InstanceUIDs
    public let rows: Int
    public let columns: Int
    public let transferSyntaxUID: String
    /// The EXIF orientation that was applied to make the image upright.
    public let orientation: ExifOrientation
    /// Derivation Description written when pixels were re-encoded or altered; nil = ORIGINAL.
    public let derivation: String?
    /// Metadata removed from the photo (e.g. `APP1 Exif`, `APP13 Photoshop/IPTC`).
    public let removed: [String]
}
