import PhotoGateCore

/// Photo formats PhotoGate accepts, recognised by their signature bytes.
public enum ImageFormat: String, Sendable {
    case jpeg, png

    /// JPEG starts with SOI + a marker; PNG with its 8-byte signature (ISO/IEC 15948 §5.2).
    public static func sniff(_ head: [UInt8]) -> ImageFormat? {
        if head.count >= 3, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF { return .jpeg }
        if head.starts(with: pngSignature) { return .png }
        return nil
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A one-line description of what a non-photo looks like, for error messages.
    public static func describeUnknown(_ head: [UInt8]) -> String {
        if head.isEmpty { return "the file is empty" }
        if head.starts(with: Array("GIF8".utf8)) { return "GIF is not supported (JPEG or PNG only)" }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) {
            return "TIFF is not supported (JPEG or PNG only)"
        }
        if head.count >= 12, head[4...7].elementsEqual(Array("ftyp".utf8)) {
            return "HEIC/HEIF and other ISO media files are not supported (JPEG or PNG only)"
        }
        if head.count >= 132, head[128...131].elementsEqual(Array("DICM".utf8)) {
            return "the file is already DICOM"
        }
        if head.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20...0x7E).contains($0) }) {
            return "the file is text, not a photo (JPEG or PNG expected)"
        }
        return "unrecognised file format (JPEG or PNG expected)"
    }
}
