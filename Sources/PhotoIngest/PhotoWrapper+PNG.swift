import DICOM
import Foundation
import ImageCodec
import PhotoFormats
import PhotoGateCore

extension PhotoWrapper {
    /// Explicit VR Little Endian, PS3.5 §A.2.
    static let explicitLittleEndianUID = "1.2.840.10008.1.2.1"

    /// PNG → native 8-bit pixels, sample values as stored (lossless). Text chunks and eXIf
    /// are never read; the ICC profile (iCCP) is kept.
    func preparePNG(_ path: String) throws -> PreparedPhoto {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        if bytes.count >= 24 {  // IHDR width/height (ISO/IEC 15948 §11.2.2), checked before decoding
            let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            try checkPixelCount(columns: w, rows: h)
        }
        let png = try PNGCodec.decode(bytes, maxPixels: limits.maxPixels)
        var notes: [String] = []
        if png.reducedFrom16Bits { notes.append("16-bit PNG samples reduced to 8 bits") }
        if png.droppedTranslucency { notes.append("PNG transparency removed") }
        let r = png.raster
        return PreparedPhoto(
            pixels: .native(pixels: r.pixels, rows: r.height, columns: r.width, samples: r.samples),
            rows: r.height, columns: r.width, transferSyntaxUID: Self.explicitLittleEndianUID,
            iccProfile: png.iccProfile, capture: CaptureFacts(), orientation: .normal,
            derivation: notes.isEmpty ? nil : notes.joined(separator: "; "), removed: [])
    }
}
