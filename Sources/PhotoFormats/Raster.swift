/// Decoded pixels: interleaved 8-bit samples (1 = grey, 3 = RGB), rows top to bottom.
public struct Raster: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let samples: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, samples: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * samples, "raster size mismatch")
        self.width = width
        self.height = height
        self.samples = samples
        self.pixels = pixels
    }

    /// The upright image for a stored image with this EXIF orientation.
    public func oriented(_ orientation: ExifOrientation) -> Raster {
        guard orientation != .normal else { return self }
        let (w, h) = orientation.swapsDimensions ? (height, width) : (width, height)
        var out = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for x in 0..<w {
                        let s = orientation.sourcePoint(x: x, y: y, storedWidth: width, storedHeight: height)
                        let si = (s.y * width + s.x) * samples, di = (y * w + x) * samples
                        for c in 0..<samples { dst[di + c] = src[si + c] }
                    }
                }
            }
        }
        return Raster(width: w, height: h, samples: samples, pixels: out)
    }
}
