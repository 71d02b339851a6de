import PhotoGateCore

/// Structural problems found while reading a JPEG; converted to ``PGError`` at the edge.
enum JPEGError {
    static func malformed(_ what: String) -> PGError { PGError(.malformedImage, "malformed JPEG: \(what)") }
    static func truncated(_ what: String) -> PGError { PGError(.malformedImage, "truncated JPEG: \(what)") }
}
