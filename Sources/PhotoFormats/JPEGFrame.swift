/// The frame header of a JPEG (ITU-T T.81 §B.2.2, SOFn marker segment).
public struct JPEGFrame: Sendable, Equatable {
    public struct Component: Sendable, Equatable {
        public let id: UInt8
        public let horizontalSampling: UInt8
        public let verticalSampling: UInt8
    }

    /// The SOF marker (0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless,
    /// 0xC5–0xC7 hierarchical, 0xC9–0xCB and 0xCD–0xCF arithmetic coding).
    public let marker: UInt8
    public let precision: UInt8
    public let rows: Int
    public let columns: Int
    public let components: [Component]

    /// Baseline sequential DCT, 8 bits: what JPEG Baseline (Process 1) transfer syntax
    /// 1.2.840.10008.1.2.4.50 carries without re-encoding (PS3.5 §8.2.1, §A.4.1).
    public var isBaseline: Bool { marker == 0xC0 && precision == 8 }

    /// 8-bit DCT processes libjpeg-turbo decodes (extended, progressive, arithmetic):
    /// these can be transcoded to baseline.
    public var isTranscodable: Bool {
        precision == 8 && [0xC0, 0xC1, 0xC2, 0xC9, 0xCA].contains(marker)
    }

    /// Chroma sampled below luma (4:2:2, 4:2:0, …).
    public var isSubsampled: Bool {
        guard let first = components.first else { return false }
        return components.dropFirst().contains {
            $0.horizontalSampling != first.horizontalSampling || $0.verticalSampling != first.verticalSampling
        }
    }

    /// A short name of the coding process for messages.
    public var processName: String {
        switch marker {
        case 0xC0: return "baseline"
        case 0xC1: return "extended sequential"
        case 0xC2: return "progressive"
        case 0xC3: return "lossless"
        case 0xC5, 0xC6, 0xC7: return "hierarchical"
        case 0xC9: return "arithmetic sequential"
        case 0xCA: return "arithmetic progressive"
        case 0xCB: return "arithmetic lossless"
        default: return "hierarchical arithmetic"
        }
    }

    static func parse(marker: UInt8, payload: [UInt8]) throws -> JPEGFrame {
        guard payload.count >= 6 else { throw JPEGError.malformed("frame header (SOF) is too short") }
        let count = Int(payload[5])
        guard count >= 1, payload.count >= 6 + 3 * count else {
            throw JPEGError.malformed("frame header (SOF) lists \(count) components but is too short")
        }
        let components = (0..<count).map { i in
            Component(id: payload[6 + 3 * i], horizontalSampling: payload[7 + 3 * i] >> 4,
                      verticalSampling: payload[7 + 3 * i] & 0x0F)
        }
        return JPEGFrame(marker: marker, precision: payload[0],
                         rows: Int(payload[1]) << 8 | Int(payload[2]),
                         columns: Int(payload[3]) << 8 | Int(payload[4]),
                         components: components)
    }
}
