import PhotoGateCore

/// The shape of the synthetic store: `assets` regular assets, five per patient (four
/// communication photos and one clinical), plus two patients with 1,000 active communication
/// assets each for the death fan-out (`urn:bench|BIG` in-process, `urn:bench|BIG2` over
/// HTTP). Every patient has one active consent (website + print), and every regular
/// communication photo its own consent for social media: 1,000,002 consents for 1,000,000
/// assets.
struct BenchLayout: Sendable {
    static let system = "urn:bench"
    static let bigAssets = 1_000

    /// Regular assets (the ASSETS argument).
    let assets: Int

    /// Regular patients: ASSETS/5.
    var patients: Int { max(1, assets / 5) }
    var bigPatient: Int { patients }
    var big2Patient: Int { patients + 1 }
    var allPatients: Int { patients + 2 }
    var allAssets: Int { assets + 2 * Self.bigAssets }

    func identifier(patient p: Int) -> Identifier {
        switch p {
        case bigPatient: return Identifier(system: Self.system, value: "BIG")
        case big2Patient: return Identifier(system: Self.system, value: "BIG2")
        default: return Identifier(system: Self.system, value: "P\(p)")
        }
    }

    /// The patient of asset `i` (the last regular patient takes the remainder).
    func patient(ofAsset i: Int) -> Int {
        if i >= assets + Self.bigAssets { return big2Patient }
        if i >= assets { return bigPatient }
        return min(i / 5, patients - 1)
    }

    /// The asset indices of regular patients `[p0, p1)`.
    func assetRange(patients range: Range<Int>) -> Range<Int> {
        range.lowerBound * 5..<(range.upperBound >= patients ? assets : range.upperBound * 5)
    }

    func assetRange(ofBig p: Int) -> Range<Int> {
        let start = p == bigPatient ? assets : assets + Self.bigAssets
        return start..<start + Self.bigAssets
    }

    func stream(_ i: Int) -> AssetStream {
        i < assets && i % 5 == 4 ? .clinical : .communication
    }

    /// Mostly active; 2% on hold, 2% archived, so some decisions are denials.
    func state(_ i: Int) -> AssetState {
        guard i < assets else { return .active }
        switch i % 50 {
        case 7: return .toBeAssessed
        case 13: return .archived
        default: return .active
        }
    }

    /// A random regular communication asset (what the communications team may query).
    func randomCommunicationAsset(_ rng: inout SplitMix) -> Int {
        while true {
            let i = Int(rng.next() % UInt64(assets))
            if stream(i) == .communication { return i }
        }
    }
}
