import CImageCodec
import PhotoFormats
import PhotoGateCore

/// JPEG pixel operations through libturbojpeg (Debian `libturbojpeg0`).
public enum JPEGCodec {
    /// Applies an EXIF orientation in the DCT domain, without decoding (libjpeg-turbo
    /// "perfect" transform). Returns nil when the dimensions do not allow a perfect
    /// transform (partial MCUs at an edge that would move).
    public static func losslesslyOriented(_ jpeg: [UInt8], _ orientation: ExifOrientation) throws -> [UInt8]? {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var err = pgc_error()
        let rc = jpeg.withUnsafeBufferPointer {
            pgc_jpeg_transform($0.baseAddress, $0.count, Int32(transformOp(orientation)), &out, &length, &err)
        }
        if rc == PGC_E_NOT_PERFECT { return nil }
        guard rc == 0, let out else { throw codecError(err) }
        defer { pgc_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }

    /// Decodes any 8-bit JPEG to grey or RGB; also returns its chroma subsampling
    /// (libturbojpeg TJSAMP value) so a re-encode can keep it.
    public static func decode(_ jpeg: [UInt8], maxPixels: UInt64) throws -> (raster: Raster, subsampling: Int32) {
        var pixels: UnsafeMutablePointer<UInt8>?
        var w: Int32 = 0, h: Int32 = 0, n: Int32 = 0, sub: Int32 = 0
        var err = pgc_error()
        let rc = jpeg.withUnsafeBufferPointer {
            pgc_jpeg_decode($0.baseAddress, $0.count, maxPixels, &pixels, &w, &h, &n, &sub, &err)
        }
        guard rc == 0, let pixels else { throw codecError(err) }
        defer { pgc_free(pixels) }
        let count = Int(w) * Int(h) * Int(n)
        return (Raster(width: Int(w), height: Int(h), samples: Int(n),
                       pixels: Array(UnsafeBufferPointer(start: pixels, count: count))), sub)
    }

    /// Encodes a baseline (SOF0) JPEG.
    public static func encodeBaseline(_ raster: Raster, subsampling: Int32, quality: Int) throws -> [UInt8] {
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var err = pgc_error()
        let rc = raster.pixels.withUnsafeBufferPointer {
            pgc_jpeg_encode($0.baseAddress, Int32(raster.width), Int32(raster.height), Int32(raster.samples),
                            subsampling, Int32(quality), &out, &length, &err)
        }
        guard rc == 0, let out else { throw codecError(err) }
        defer { pgc_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }

    /// EXIF orientation → libjpeg-turbo TJXOP_* (turbojpeg.h): the transform that makes the
    /// stored image upright.
    static func transformOp(_ o: ExifOrientation) -> Int {
        switch o {
        case .normal: return 0            // TJXOP_NONE
        case .mirrorHorizontal: return 1  // TJXOP_HFLIP
        case .mirrorVertical: return 2    // TJXOP_VFLIP
        case .transpose: return 3         // TJXOP_TRANSPOSE
        case .transverse: return 4        // TJXOP_TRANSVERSE
        case .rotate90Clockwise: return 5 // TJXOP_ROT90
        case .rotate180: return 6         // TJXOP_ROT180
        case .rotate270Clockwise: return 7 // TJXOP_ROT270
        }
    }
}

func codecError(_ err: pgc_error) -> PGError {
    var e = err
    let message = withUnsafeBytes(of: &e.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
    switch err.code {
    case PGC_E_DECODE: return PGError(.malformedImage, "cannot decode the image: \(message)")
    case PGC_E_LIMIT: return PGError(.imageTooLarge, "image too large: \(message)")
    default: return PGError(.codecFailure, message.isEmpty ? "image codec failure" : message)
    }
}
