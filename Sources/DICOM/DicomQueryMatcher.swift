import PhotoGateCore

/// C-FIND attribute matching (PS3.4 C.2.2.2) of a record's values against query keys, for
/// handlers that match in memory.
///
/// - Universal matching: an empty key matches everything (C.2.2.2.3), and so does a lone `*`
///   whatever the VR (C.2.2.2.4).
/// - List of UID matching: a UI key with several values matches any of them (C.2.2.2.2);
///   other keys with several values match when any value matches.
/// - Wild card matching: `*` and `?` in keys other than DA, TM, DT, UI and numbers (C.2.2.2.4).
/// - Range matching: `a-b`, `-b`, `a-` for DA, TM and DT (C.2.2.2.5).
/// - Single value matching otherwise (C.2.2.2.1); PN is matched case-insensitively, which
///   the standard allows.
///
/// A record value with several values (`\`) matches when any of them does. A key that the
/// record has no value for matches only if it is universal. Sequence matching is not offered.
public struct DicomQueryMatcher: Sendable {
    private let vrOf: @Sendable (UInt32) -> String

    /// `vr` gives the VR of a tag (default: the DCMTK data dictionary).
    public init(vr: @escaping @Sendable (UInt32) -> String = { DicomToolkit.vr($0) }) {
        vrOf = vr
    }

    /// Whether `record` matches every key.
    public func matches(_ record: [UInt32: String], keys: [DicomAttribute]) -> Bool {
        keys.allSatisfy { key in
            key.tag == DicomTag.specificCharacterSet || key.tag == 0x0008_0052
                || matches(record[key.tag], key: key.value, tag: key.tag)
        }
    }

    /// Whether one record value matches one key value.
    public func matches(_ value: String?, key rawKey: String, tag: UInt32) -> Bool {
        let key = Self.trimmed(rawKey)
        if key.isEmpty || key == "*" { return true }
        guard let value, !Self.trimmed(value).isEmpty else { return false }
        let vr = vrOf(tag)
        let values = value.split(separator: "\\", omittingEmptySubsequences: false).map { Self.trimmed(String($0)) }
        let alternatives = key.split(separator: "\\", omittingEmptySubsequences: false).map { Self.trimmed(String($0)) }
        return alternatives.contains { alternative in
            values.contains { single(value: $0, key: alternative, vr: vr) }
        }
    }

    private func single(value: String, key: String, vr: String) -> Bool {
        switch vr {
        case "DA", "TM", "DT":
            if let dash = key.firstIndex(of: "-") {
                let low = String(key[..<dash]), high = String(key[key.index(after: dash)...])
                return (low.isEmpty || value >= low) && (high.isEmpty || value <= Self.upperBound(high, vr: vr))
            }
            return value == key
        case "UI", "DS", "IS", "FL", "FD", "SL", "SS", "UL", "US", "SV", "UV":
            return value == key
        case "PN":
            return Self.wildcard(value.lowercased(), key.lowercased())
        default:
            return Self.wildcard(value, key)
        }
    }

    /// An upper range bound covers everything it is a prefix of: `-1030` includes 10:30:59.
    private static func upperBound(_ high: String, vr: String) -> String {
        vr == "DA" ? high : high + "\u{10FFFF}"
    }

    private static func trimmed(_ s: String) -> String {
        var t = Substring(s)
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " || t.last == "\0" { t = t.dropLast() }
        return String(t)
    }

    /// `*` any sequence, `?` one character; no wild card means equality.
    static func wildcard(_ value: String, _ pattern: String) -> Bool {
        let v = Array(value), p = Array(pattern)
        var i = 0, j = 0
        var star = -1, mark = 0
        while i < v.count {
            if j < p.count, p[j] == "?" || p[j] == v[i] {
                i += 1
                j += 1
            } else if j < p.count, p[j] == "*" {
                star = j
                mark = i
                j += 1
            } else if star >= 0 {
                j = star + 1
                mark += 1
                i = mark
            } else {
                return false
            }
        }
        while j < p.count, p[j] == "*" { j += 1 }
        return j == p.count
    }
}
