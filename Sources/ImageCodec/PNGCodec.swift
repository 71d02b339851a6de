import CImageCodec
import PhotoFormats
import PhotoGateCore

/// A decoded PNG and what decoding had to change.
public struct DecodedPNG: Sendable {
    public let raster: Raster
    public let bitDepth: Int
    /// Some pixels were not fully opaque; the alpha channel was dropped.
    public let droppedTranslucency: Bool
    /// 16-bit samples were reduced to 8 bits (VL images are 8 bits per sample).
    public let reducedFrom16Bits: Bool
    public let iccProfile: [UInt8]?
}

/// PNG decoding through libpng (Debian `libpng16-16`). Sample values are kept as stored.
public enum PNGCodec {
    public static func decode(_ png: [UInt8], maxPixels: UInt64) throws -> DecodedPNG {
        var pixels: UnsafeMutablePointer<UInt8>?
        var info = pgc_png_info()
        var err = pgc_error()
        let rc = png.withUnsafeBufferPointer { pgc_png_decode($0.baseAddress, $0.count, maxPixels, &pixels, &info, &err) }
        guard rc == 0, let pixels else { throw codecError(err) }
        defer {
            pgc_free(pixels)
            pgc_free(info.icc)
        }
        let count = Int(info.width) * Int(info.height) * Int(info.samples)
        let raster = Raster(width: Int(info.width), height: Int(info.height), samples: Int(info.samples),
                            pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
        let icc = info.icc.map { Array(UnsafeBufferPointer(start: $0, count: info.icc_len)) }
        return DecodedPNG(raster: raster, bitDepth: Int(info.bit_depth), droppedTranslucency: info.alpha_translucent != 0,
                          reducedFrom16Bits: info.reduced_from_16 != 0, iccProfile: icc)
    }
}
