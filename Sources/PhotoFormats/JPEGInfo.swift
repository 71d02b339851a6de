/// What the sanitizer learned about a JPEG while copying it.
public struct JPEGInfo: Sendable {
    public var frame: JPEGFrame
    /// APP14 "Adobe" colour transform flag (0 = none/RGB, 1 = YCbCr, 2 = YCCK), if present.
    public var adobeTransform: UInt8?
    /// The TIFF structure inside APP1 "Exif" (read for orientation, time and camera, never copied).
    public var exif: [UInt8]?
    /// The ICC profile reassembled from its APP2 chunks (ICC.1 Annex B.4), kept in the output.
    public var iccProfile: [UInt8]?
    /// Number of scans (SOS markers): 1 for a sequential image, more when progressive.
    public var scanCount: Int
    /// Segments removed, e.g. `APP1 Exif`, `APP1 XMP`, `APP13 Photoshop/IPTC`, `COM`.
    public var removed: [String]
    /// Bytes after EOI that were dropped (appended images, maker trailers).
    public var trailingBytesDropped: UInt64
    /// Length of the sanitized JPEG written to the sink.
    public var outputLength: UInt64
}
