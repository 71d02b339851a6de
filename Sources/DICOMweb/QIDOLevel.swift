/// The resource a QIDO-RS search asks for (PS3.18 10.6.1.2) and the attributes each result
/// carries by default (PS3.18 10.6.3.3, Tables 10.6.3-3 to 10.6.3-5).
public enum QIDOLevel: String, Sendable, CaseIterable {
    case study, series, instance

    /// The defaults of this level alone.
    public var ownDefaults: [UInt32] {
        switch self {
        case .study:
            [0x0008_0020, 0x0008_0030, 0x0008_0050, 0x0008_0056, 0x0008_0061, 0x0008_0090, 0x0008_0201, 0x0008_1190,
             0x0010_0010, 0x0010_0020, 0x0010_0021, 0x0010_0030, 0x0010_0040, 0x0020_000D, 0x0020_0010, 0x0020_1206,
             0x0020_1208]
        case .series:
            [0x0008_0060, 0x0008_0201, 0x0008_103E, 0x0020_000E, 0x0020_0011, 0x0020_1209, 0x0040_0244, 0x0040_0245,
             0x0040_0275, 0x0008_1190]
        case .instance:
            [0x0008_0016, 0x0008_0018, 0x0008_0056, 0x0008_0201, 0x0020_0013, 0x0028_0010, 0x0028_0011, 0x0028_0100,
             0x0028_0008, 0x0008_1190]
        }
    }

    /// The defaults of a search at this level. A search not scoped to a study also returns the
    /// study's defaults, one not scoped to a series the series' (PS3.18 10.6.3.3.2, 10.6.3.3.3).
    public func defaults(scopedToStudy: Bool, scopedToSeries: Bool) -> [UInt32] {
        var tags = ownDefaults
        if self == .instance, !scopedToSeries { tags += QIDOLevel.series.ownDefaults }
        if self != .study, !scopedToStudy { tags += QIDOLevel.study.ownDefaults }
        var seen = Set<UInt32>()
        return tags.filter { seen.insert($0).inserted }
    }
}
