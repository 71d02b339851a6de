/// Small edits of a JPEG's marker structure.
public enum JPEGSegments {
    /// Inserts an ICC profile as APP2 `ICC_PROFILE` chunks (ICC.1 Annex B.4: at most 65,519
    /// profile bytes per chunk) after SOI and any APP0.
    public static func insertingICCProfile(_ icc: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
        guard jpeg.count > 4, !icc.isEmpty else { return jpeg }
        let chunkSize = 65_519
        let chunks = stride(from: 0, to: icc.count, by: chunkSize).map { Array(icc[$0..<min($0 + chunkSize, icc.count)]) }
        guard chunks.count <= 255 else { return jpeg }
        var segments: [UInt8] = []
        for (i, chunk) in chunks.enumerated() {
            let length = 2 + 12 + 2 + chunk.count
            segments += [0xFF, 0xE2, UInt8(length >> 8), UInt8(length & 0xFF)]
            segments += Array("ICC_PROFILE\0".utf8) + [UInt8(i + 1), UInt8(chunks.count)] + chunk
        }
        var insertAt = 2
        if jpeg[2] == 0xFF, jpeg[3] == 0xE0, jpeg.count > 6 {
            insertAt = 4 + (Int(jpeg[4]) << 8 | Int(jpeg[5]))
        }
        guard insertAt <= jpeg.count else { return jpeg }
        return Array(jpeg[..<insertAt]) + segments + Array(jpeg[insertAt...])
    }
}
