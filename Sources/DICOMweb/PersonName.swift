/// A Person Name value in the DICOM JSON model (PS3.18 F.2.2): up to three component
/// groups, written in DICOM as `Alphabetic=Ideographic=Phonetic`.
public struct PersonName: Sendable, Equatable {
    public var alphabetic: String?
    public var ideographic: String?
    public var phonetic: String?

    public init(alphabetic: String? = nil, ideographic: String? = nil, phonetic: String? = nil) {
        self.alphabetic = alphabetic
        self.ideographic = ideographic
        self.phonetic = phonetic
    }

    /// From one DICOM PN value (`Doe^Jane=…=…`); empty groups are left out.
    public init(dicom value: String) {
        let groups = value.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
        func group(_ i: Int) -> String? { i < groups.count && !groups[i].isEmpty ? groups[i] : nil }
        self.init(alphabetic: group(0), ideographic: group(1), phonetic: group(2))
    }

    /// The DICOM PN value, trailing empty groups dropped.
    public var dicom: String {
        var groups = [alphabetic ?? "", ideographic ?? "", phonetic ?? ""]
        while groups.count > 1, groups.last == "" { groups.removeLast() }
        return groups.joined(separator: "=")
    }
}
