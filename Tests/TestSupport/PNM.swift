/// Reads binary PGM/PPM (P5/P6, maxval 255), as written by DCMTK's `dcmj2pnm`.
public struct PNM: Equatable {
    public let width: Int
    public let height: Int
    public let samples: Int
    public let pixels: [UInt8]

    public init?(_ bytes: [UInt8]) {
        var fields: [String] = []
        var i = 0
        while fields.count < 4 && i < bytes.count {
            if bytes[i] == UInt8(ascii: "#") {
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            } else if bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
                i += 1
            } else {
                var token = ""
                while i < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) {
                    token.append(Character(UnicodeScalar(bytes[i])))
                    i += 1
                }
                fields.append(token)
            }
        }
        i += 1  // the single whitespace byte after maxval
        guard fields.count == 4, let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255" else { return nil }
        let n = fields[0] == "P6" ? 3 : fields[0] == "P5" ? 1 : 0
        guard n > 0, bytes.count - i >= w * h * n else { return nil }
        width = w
        height = h
        samples = n
        pixels = Array(bytes[i..<i + w * h * n])
    }
}

/// Pixel difference statistics between two images of the same size.
public struct PixelDifference: CustomStringConvertible {
    public let mean: Double
    public let max: Int

    public init(_ a: [UInt8], _ b: [UInt8]) {
        precondition(a.count == b.count, "images differ in size")
        var total = 0, worst = 0
        for i in 0..<a.count {
            let d = abs(Int(a[i]) - Int(b[i]))
            total += d
            worst = Swift.max(worst, d)
        }
        mean = a.isEmpty ? 0 : Double(total) / Double(a.count)
        max = worst
    }

    public var description: String { "mean \(mean), max \(max)" }
}
