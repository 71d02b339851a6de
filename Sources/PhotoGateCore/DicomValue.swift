/// Validation of caller-supplied values against DICOM value representations (PS3.5 §6.2).
/// Errors name the field so the user knows which option to fix.
public enum DicomValue {
    /// Characters never allowed in string VRs other than ST/LT/UT: control characters and `\`
    /// (the value delimiter).
    private static func checkText(_ value: String, field: String) throws {
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) {
            throw PGError(.invalidAttribute, "\(field) contains a control character or backslash")
        }
    }

    /// LO: up to 64 characters.
    public static func lo(_ value: String, field: String, required: Bool = false) throws -> String {
        let v = value.trimmingSpaces()
        if required && v.isEmpty { throw PGError(.missingRequired, "\(field) is empty") }
        try checkText(v, field: field)
        guard v.count <= 64 else { throw PGError(.invalidAttribute, "\(field) is longer than 64 characters") }
        return v
    }

    /// SH: up to 16 characters.
    public static func sh(_ value: String, field: String) throws -> String {
        let v = value.trimmingSpaces()
        try checkText(v, field: field)
        guard v.count <= 16 else { throw PGError(.invalidAttribute, "\(field) is longer than 16 characters") }
        return v
    }

    /// PN: up to five `^`-separated components, each group at most 64 characters.
    public static func pn(_ value: String, field: String) throws -> String {
        let v = value.trimmingSpaces()
        try checkText(v, field: field)
        guard v.split(separator: "^", omittingEmptySubsequences: false).count <= 5 else {
            throw PGError(.invalidAttribute, "\(field) has more than five ^-separated components (Family^Given^Middle^Prefix^Suffix)")
        }
        guard v.split(separator: "=", omittingEmptySubsequences: false).allSatisfy({ $0.count <= 64 }) else {
            throw PGError(.invalidAttribute, "\(field) is longer than 64 characters")
        }
        return v
    }

    /// DA: `YYYYMMDD`, a real calendar date.
    public static func da(_ value: String, field: String) throws -> String {
        let bytes = Array(value.utf8)
        guard bytes.count == 8, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let y = Int(value.prefix(4)), let m = Int(value.dropFirst(4).prefix(2)), let d = Int(value.suffix(2)),
              (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y)
        else { throw PGError(.invalidAttribute, "\(field) '\(value)' is not a date in the form YYYYMMDD") }
        return value
    }

    /// UI: dot-separated numeric components without leading zeros, at most 64 characters.
    public static func ui(_ value: String, field: String) throws -> String {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        let ok = value.count <= 64 && parts.count >= 2 && parts.allSatisfy { p in
            !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } && (p == "0" || !p.hasPrefix("0"))
        }
        guard ok else { throw PGError(.invalidAttribute, "\(field) '\(value)' is not a valid DICOM UID") }
        return value
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
