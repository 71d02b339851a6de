import Foundation

/// What the mapping engine reads from an HL7 v2 message. `HL7Message` provides it (see
/// `HL7Message+FieldSource.swift`); tests can provide it from a table.
public protocol HL7FieldSource {
    /// MSH-9.2, e.g. `A03`.
    var triggerEvent: String? { get }
    /// The field's repetitions in the first segment named `segment`: each repetition is a
    /// list of components, each a list of sub-components; values unescaped.
    func repetitions(segment: String, field: Int) -> [[[String]]]
}

extension HL7FieldSource {
    /// The value at `ref` in each repetition (empty values dropped).
    public func values(_ ref: FieldRef) -> [String] {
        repetitions(segment: ref.segment, field: ref.field).compactMap { rep -> String? in
            let component = rep.indices.contains((ref.component ?? 1) - 1) ? rep[(ref.component ?? 1) - 1] : []
            let value: String
            if let sub = ref.subcomponent {
                value = component.indices.contains(sub - 1) ? component[sub - 1] : ""
            } else if ref.component != nil {
                value = component.first ?? ""
            } else {
                // whole field: the first component's first sub-component (the usual "value")
                value = rep.first?.first ?? ""
            }
            return value.isEmpty ? nil : value
        }
    }

    public func value(_ ref: FieldRef) -> String? { values(ref).first }
}

/// HL7 v2 TS/DTM (`YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]`, HL7 v2.5.1 §2.A.22/§2.A.74) as a
/// Date. Without an offset the time is taken as UTC (HL7 says: the sender's local time,
/// which the gateway cannot know; senders should send the offset).
public enum HL7Time {
    public static func date(_ text: String) -> Date? {
        var digits = Substring(text)
        var offset = 0
        if let sign = digits.lastIndex(where: { $0 == "+" || $0 == "-" }), digits.distance(from: sign, to: digits.endIndex) == 5 {
            let zone = digits[digits.index(after: sign)...]
            guard let z = Int(zone) else { return nil }
            offset = (z / 100 * 3600 + z % 100 * 60) * (digits[sign] == "-" ? -1 : 1)
            digits = digits[..<sign]
        }
        let main = digits.split(separator: ".", maxSplits: 1)
        guard let head = main.first, head.count >= 4, head.count % 2 == 0, head.allSatisfy(\.isNumber) else { return nil }
        func part(_ i: Int, _ n: Int, default d: Int) -> Int? {
            let start = head.index(head.startIndex, offsetBy: i, limitedBy: head.endIndex) ?? head.endIndex
            guard start < head.endIndex else { return d }
            return Int(head[start..<head.index(start, offsetBy: n)])
        }
        guard let y = part(0, 4, default: 0), let mo = part(4, 2, default: 1), let d = part(6, 2, default: 1),
              let h = part(8, 2, default: 0), let mi = part(10, 2, default: 0), let s = part(12, 2, default: 0),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute, c.second) = (y, mo, d, h, mi, s)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        guard let base = calendar.date(from: c) else { return nil }
        let fraction = main.count > 1 ? Double("0." + main[1]) ?? 0 : 0
        return base.addingTimeInterval(fraction - Double(offset))
    }

    /// `YYYY-MM-DD` from a TS/DT (for birth dates: no time-zone arithmetic).
    public static func day(_ text: String) -> String? {
        let digits = text.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isNumber), date(String(digits)) != nil else { return nil }
        return "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
    }
}
