import PhotoFormats
import Testing

struct RasterTests {
    // Stored 3x2 grey image:   1 2 3
    //                          4 5 6
    static let stored = Raster(width: 3, height: 2, samples: 1, pixels: [1, 2, 3, 4, 5, 6])

    @Test(arguments: [
        (ExifOrientation.normal, 3, [1, 2, 3, 4, 5, 6]),
        (.mirrorHorizontal, 3, [3, 2, 1, 6, 5, 4]),
        (.rotate180, 3, [6, 5, 4, 3, 2, 1]),
        (.mirrorVertical, 3, [4, 5, 6, 1, 2, 3]),
        (.transpose, 2, [1, 4, 2, 5, 3, 6]),
        (.rotate90Clockwise, 2, [4, 1, 5, 2, 6, 3]),
        (.transverse, 2, [6, 3, 5, 2, 4, 1]),
        (.rotate270Clockwise, 2, [3, 6, 2, 5, 1, 4]),
    ])
    func appliesEachExifOrientation(orientation: ExifOrientation, width: Int, expected: [UInt8]) {
        let upright = Self.stored.oriented(orientation)
        #expect(upright.width == width)
        #expect(upright.pixels == expected)
    }
}
