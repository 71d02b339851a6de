/// One data element in the DICOM JSON model (PS3.18 F.2.2): its VR and its value.
public struct DICOMJSONElement: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// No value (zero length): `{"vr": "LO"}`.
        case empty
        /// String VRs and AT; nil is an empty value inside a multi-valued element (F.2.5).
        case strings([String?])
        /// IS, DS and the binary number VRs, as JSON number text (F.2.3).
        case numbers([String?])
        /// PN (F.2.2).
        case personNames([PersonName?])
        /// SQ: one data set per item.
        case sequence([DICOMJSONDataSet])
        /// Binary values carried in the JSON, base64 (F.2.7).
        case inlineBinary([UInt8])
        /// Binary values to be fetched from a URI (F.2.6).
        case bulkDataURI(String)
    }

    public var vr: String
    public var value: Value

    public init(vr: String, value: Value) {
        self.vr = vr
        self.value = value
    }

    /// VRs whose values are JSON numbers (F.2.3).
    public static let numberVRs: Set<String> = ["IS", "DS", "FL", "FD", "SL", "SS", "UL", "US", "SV", "UV"]
    /// VRs whose values are bytes (F.2.7).
    public static let binaryVRs: Set<String> = ["OB", "OD", "OF", "OL", "OV", "OW", "UN"]

    /// An element from a value in DICOM string form (`\` between values), as DCMTK and the
    /// query index hold them. An empty string is an element without value.
    public init(vr: String, dicomString: String) {
        self.vr = vr
        let trimmed = Self.trimPadding(dicomString)
        guard !trimmed.isEmpty else {
            value = .empty
            return
        }
        if vr == "SQ" || Self.binaryVRs.contains(vr) {
            value = .empty  // never in string form
            return
        }
        // LT, ST, UT and UR are single-valued: a backslash is part of the text.
        let parts = ["LT", "ST", "UT", "UR"].contains(vr)
            ? [trimmed] : trimmed.split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
        switch vr {
        case "PN":
            value = .personNames(parts.map { Self.trimPadding($0).isEmpty ? nil : PersonName(dicom: Self.trimPadding($0)) })
        case _ where Self.numberVRs.contains(vr):
            value = .numbers(parts.map { JSONNumberText.normalize($0) })
        case "AT":
            value = .strings(parts.map { Self.attributeTag($0) })
        default:
            value = .strings(parts.map { let v = Self.trimPadding($0, leading: vr != "LT" && vr != "ST" && vr != "UT")
                return v.isEmpty ? nil : v })
        }
    }

    /// The value in DICOM string form (`\` between values); nil for sequences and bytes.
    public var dicomString: String? {
        switch value {
        case .empty: return ""
        case .strings(let s): return s.map { $0 ?? "" }.joined(separator: "\\")
        case .numbers(let n): return n.map { $0 ?? "" }.joined(separator: "\\")
        case .personNames(let p): return p.map { $0?.dicom ?? "" }.joined(separator: "\\")
        case .sequence, .inlineBinary, .bulkDataURI: return nil
        }
    }

    /// `(0010,0010)` or `00100010` → `00100010`.
    static func attributeTag(_ text: String) -> String? {
        let hex = text.filter(\.isHexDigit)
        return hex.count == 8 ? hex.uppercased() : nil
    }

    /// Removes the padding DICOM allows: trailing spaces and NULs, and leading spaces
    /// except in the text VRs.
    static func trimPadding(_ s: String, leading: Bool = true) -> String {
        var t = Substring(s)
        while let last = t.last, last == " " || last == "\0" { t = t.dropLast() }
        if leading { while t.first == " " { t = t.dropFirst() } }
        return String(t)
    }
}
