/// Deterministic, random-looking identifiers for the synthetic store, so the benchmark can
/// name any row again (for random queries) without keeping a million strings in memory.
enum BenchIDs {
    enum Kind: UInt64 {
        case patient = 1, asset, consent, originalBlob, dicomBlob, uid, photoConsent
    }

    /// A lowercase UUID-shaped id (what `Gateway.newID()` produces), unique per kind and index.
    static func uuid(_ kind: Kind, _ index: Int) -> String { hex(kind, index, dashes: true) }

    /// A 32-hex-digit blob id (the shape `BlobStore` uses); the blob file is never written.
    static func blob(_ kind: Kind, _ index: Int) -> String { hex(kind, index, dashes: false) }

    private static func hex(_ kind: Kind, _ index: Int, dashes: Bool) -> String {
        let hi = SplitMix.mix(kind.rawValue << 56 ^ UInt64(index))
        let lo = SplitMix.mix(hi ^ 0x5DEE_CE66_D1CE_4E5B)
        return String(unsafeUninitializedCapacity: 36) { out in
            var n = 0
            for k in 0..<32 {
                if dashes, k == 8 || k == 12 || k == 16 || k == 20 {
                    out[n] = UInt8(ascii: "-")
                    n += 1
                }
                let word = k < 16 ? hi : lo
                out[n] = hexDigits[Int((word >> UInt64(60 - 4 * (k % 16))) & 0xF)]
                n += 1
            }
            return n
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
