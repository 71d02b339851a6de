import Foundation
import PhotoGateCore

/// FHIR R4 date, dateTime, instant and time: lexical checks and conversion to and from
/// `Date` (FHIR R4 datatypes.html, "date", "dateTime", "instant", "time").
///
/// Partial dates (`2024`, `2024-03`) are valid dates and dateTimes; a dateTime with a time
/// must carry a time zone, and an instant is always complete to the second with a zone.
public enum FHIRTemporal {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a real calendar day (29 February only in leap years).
    public static func isDate(_ text: String) -> Bool {
        parseDate(Array(text.utf8)[...]) != nil && [4, 7, 10].contains(text.utf8.count)
    }

    /// A date, or `YYYY-MM-DDThh:mm:ss[.f+](Z|±hh:mm)`.
    public static func isDateTime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        if [4, 7, 10].contains(b.count) { return isDate(text) }
        return isFullDateTime(b)
    }

    /// `YYYY-MM-DDThh:mm:ss[.f+](Z|±hh:mm)`.
    public static func isInstant(_ text: String) -> Bool { isFullDateTime(Array(text.utf8)) }

    /// `hh:mm:ss[.f+]`.
    public static func isTime(_ text: String) -> Bool {
        let b = Array(text.utf8)[...]
        guard let rest = parseTime(b) else { return false }
        return rest.isEmpty
    }

    /// The instant for `date` in UTC with milliseconds: `2024-03-01T09:30:00.000Z`.
    public static func instant(_ date: Date) -> String { CivilDate.instant(date) }

    /// The start of a date, dateTime or instant as a `Date`. A partial date starts at its
    /// first day at 00:00 UTC (a date carries no time zone). Nil when `text` is not valid.
    public static func start(of text: String) -> Date? {
        let b = Array(text.utf8)
        if [4, 7, 10].contains(b.count), let (y, m, d) = parseDate(b[...]) {
            return Date(timeIntervalSince1970: Double(CivilDate.days(year: y, month: m ?? 1, day: d ?? 1) * 86_400))
        }
        guard isFullDateTime(b), let (y, m, d) = parseDate(b[0..<10]), let d,
              let (hour, r1) = number(b[11...], 2), let (minute, r2) = number(r1.dropFirst(), 2),
              let (second, r3) = number(r2.dropFirst(), 2) else { return nil }
        var rest = r3
        var fraction = 0.0
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix(while: FHIRPrimitiveType.isDigit)
            fraction = Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
            rest = rest.dropFirst(1 + digits.count)
        }
        var offset = 0
        if let sign = rest.first, sign != UInt8(ascii: "Z"),
           let (oh, o1) = number(rest.dropFirst(), 2), let (om, _) = number(o1.dropFirst(), 2) {
            offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (oh * 3600 + om * 60)
        }
        // A leap second (:60) counts as the next second's start, as Foundation reads it.
        let seconds = CivilDate.days(year: y, month: m ?? 1, day: d) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    // MARK: - Scanning

    private static func number(_ b: ArraySlice<UInt8>, _ count: Int) -> (Int, ArraySlice<UInt8>)? {
        guard b.count >= count else { return nil }
        let digits = b.prefix(count)
        guard digits.allSatisfy(FHIRPrimitiveType.isDigit) else { return nil }
        return (digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }, b.dropFirst(count))
    }

    private static func expect(_ b: ArraySlice<UInt8>, _ c: Character) -> ArraySlice<UInt8>? {
        b.first == c.asciiValue ? b.dropFirst() : nil
    }

    /// Year (0001-9999), optional month, optional day; returns nil on any error.
    private static func parseDate(_ b: ArraySlice<UInt8>) -> (Int, Int?, Int?)? {
        guard let (year, r1) = number(b, 4), year >= 1 else { return nil }
        if r1.isEmpty { return (year, nil, nil) }
        guard let r2 = expect(r1, "-"), let (month, r3) = number(r2, 2), (1...12).contains(month) else { return nil }
        if r3.isEmpty { return (year, month, nil) }
        guard let r4 = expect(r3, "-"), let (day, r5) = number(r4, 2), r5.isEmpty,
              day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `hh:mm:ss[.f+]`, returning what follows.
    private static func parseTime(_ b: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let (h, r1) = number(b, 2), h <= 23, let r2 = expect(r1, ":"),
              let (m, r3) = number(r2, 2), m <= 59, let r4 = expect(r3, ":"),
              let (s, r5) = number(r4, 2), s <= 60 else { return nil }
        guard let r6 = expect(r5, ".") else { return r5 }
        let fraction = r6.prefix(while: FHIRPrimitiveType.isDigit)
        return fraction.isEmpty ? nil : r6.dropFirst(fraction.count)
    }

    private static func isFullDateTime(_ b: [UInt8]) -> Bool {
        guard b.count > 11, parseDate(b[0..<10]).map({ $0.2 != nil }) == true,
              let afterT = expect(b[10...], "T"), let zone = parseTime(afterT) else { return false }
        if zone.elementsEqual("Z".utf8) { return true }
        guard let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
              let (h, r1) = number(zone.dropFirst(), 2), let r2 = expect(r1, ":"),
              let (m, r3) = number(r2, 2), r3.isEmpty, m <= 59 else { return false }
        return h <= 13 || (h == 14 && m == 0)
    }
}
