/// DICOM IS/DS and binary number values as JSON number text (RFC 8259 6; PS3.18 F.2.3).
/// DICOM allows `+12`, `0012`, `.5`, `5.` and surrounding spaces; JSON allows none of them.
public enum JSONNumberText {
    /// The value as a valid JSON number, or nil when it is not a decimal number at all.
    public static func normalize(_ raw: String) -> String? {
        var s = Substring(raw.trimmingSpacesAndNULs())
        guard !s.isEmpty else { return nil }
        var sign = ""
        if s.first == "+" || s.first == "-" {
            if s.first == "-" { sign = "-" }
            s = s.dropFirst()
        }
        var mantissa = s
        var exponent: Substring = ""
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            exponent = s[s.index(after: e)...]
            var digits = exponent
            if digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        var integer = mantissa
        var fraction: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integer = mantissa[..<dot]
            fraction = mantissa[mantissa.index(after: dot)...]
        }
        guard integer.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
              !(integer.isEmpty && fraction.isEmpty) else { return nil }
        var int = String(integer.drop { $0 == "0" })
        if int.isEmpty { int = "0" }
        var out = sign + int
        if !fraction.isEmpty { out += "." + fraction }
        if !exponent.isEmpty { out += "E" + exponent }
        return out == "-0" ? "0" : out
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func trimmingSpacesAndNULs() -> String {
        var t = Substring(self)
        while let c = t.first, c == " " || c == "\0" { t = t.dropFirst() }
        while let c = t.last, c == " " || c == "\0" { t = t.dropLast() }
        return String(t)
    }
}
