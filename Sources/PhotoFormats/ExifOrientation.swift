/// EXIF Orientation (tag 0x0112, CIPA DC-008 §4.6.4): how the stored pixels must be
/// transformed to show the picture upright.
public enum ExifOrientation: Int, Sendable, CaseIterable {
    case normal = 1
    case mirrorHorizontal = 2
    case rotate180 = 3
    case mirrorVertical = 4
    /// Mirror across the top-left/bottom-right diagonal.
    case transpose = 5
    case rotate90Clockwise = 6
    /// Mirror across the top-right/bottom-left diagonal.
    case transverse = 7
    case rotate270Clockwise = 8

    /// Whether width and height swap.
    public var swapsDimensions: Bool { rawValue >= 5 }

    /// Where the upright pixel (x, y) comes from in the stored image of size (w, h), where
    /// (w, h) are the stored dimensions.
    public func sourcePoint(x: Int, y: Int, storedWidth w: Int, storedHeight h: Int) -> (x: Int, y: Int) {
        switch self {
        case .normal: return (x, y)
        case .mirrorHorizontal: return (w - 1 - x, y)
        case .rotate180: return (w - 1 - x, h - 1 - y)
        case .mirrorVertical: return (x, h - 1 - y)
        case .transpose: return (y, x)
        case .rotate90Clockwise: return (y, h - 1 - x)
        case .transverse: return (w - 1 - y, h - 1 - x)
        case .rotate270Clockwise: return (w - 1 - y, x)
        }
    }
}
