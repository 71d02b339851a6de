import Foundation
import PhotoGateCore

/// DTM / TS.1, a date and time of varying precision (HL7 v2.5.1 §2.A.22, §2.A.77):
/// `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`, e.g. MSH-7, PID-7 and PID-29.
public struct HL7DateTime: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?
    public let hour: Int?
    public let minute: Int?
    public let second: Int?
    /// Fraction-of-second digits as written (1 to 4), e.g. `"25"` for .25 s.
    public let fraction: String?
    /// Offset from UTC in minutes, when written.
    public let utcOffsetMinutes: Int?

    /// Parses a DTM; nil when it is not one (wrong length, out-of-range parts, day 31 in April…).
    public init?(_ text: String) {
        let t = Array(text.utf8)
        let digits = t.prefix { (0x30...0x39).contains($0) }
        var rest = t.dropFirst(digits.count)
        guard [4, 6, 8, 10, 12, 14].contains(digits.count) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            return Int(String(decoding: digits[range], as: UTF8.self))
        }
        var fraction: String?
        if rest.first == 0x2E {
            guard digits.count == 14 else { return nil }
            let f = rest.dropFirst().prefix { (0x30...0x39).contains($0) }
            guard (1...4).contains(f.count) else { return nil }
            fraction = String(decoding: f, as: UTF8.self)
            rest = rest.dropFirst(1 + f.count)
        }
        var offset: Int?
        if let sign = rest.first, sign == 0x2B || sign == 0x2D {
            let z = rest.dropFirst()
            guard z.count == 4, z.allSatisfy({ (0x30...0x39).contains($0) }),
                  let h = Int(String(decoding: z.prefix(2), as: UTF8.self)),
                  let m = Int(String(decoding: z.suffix(2), as: UTF8.self)), h <= 14, m < 60
            else { return nil }
            offset = (sign == 0x2D ? -1 : 1) * (h * 60 + m)
            rest = []
        }
        guard rest.isEmpty, let year = number(0..<4) else { return nil }
        (self.year, month, day, hour, minute, second) =
            (year, number(4..<6), number(6..<8), number(8..<10), number(10..<12), number(12..<14))
        self.fraction = fraction
        utcOffsetMinutes = offset
        guard month.map({ (1...12).contains($0) }) ?? true, hour.map({ $0 <= 23 }) ?? true,
              minute.map({ $0 <= 59 }) ?? true, second.map({ $0 <= 59 }) ?? true
        else { return nil }
        if let month, let day {
            let calendar = Calendar(identifier: .gregorian)
            guard DateComponents(year: year, month: month, day: day).isValidDate(in: calendar) else { return nil }
        }
    }

    /// `date` to the second in `timeZone`, with its offset (as MSH-7 of an acknowledgment).
    /// Computed with integer arithmetic on the proleptic Gregorian calendar (every ACK has one,
    /// so no Calendar or formatter here).
    public init(_ date: Date, timeZone: TimeZone) {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let (days, secondOfDay) = CivilDate.split(local, per: 86_400)
        let civil = CivilDate.fromDays(days)
        (year, month, day) = (civil.year, civil.month, civil.day)
        (hour, minute, second) = (secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
        fraction = nil
        utcOffsetMinutes = offset / 60
    }

    /// The instant, reading a value without offset in `timeZone`; missing parts are the start
    /// of the period (a date alone is its midnight).
    public func date(assuming timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utcOffsetMinutes.flatMap { TimeZone(secondsFromGMT: $0 * 60) } ?? timeZone
        let components = DateComponents(
            year: year, month: month ?? 1, day: day ?? 1, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0)
        let whole = calendar.date(from: components)
        let subsecond = fraction.flatMap { Double("0." + $0) } ?? 0
        return whole.map { $0.addingTimeInterval(subsecond) }
    }

    /// The DTM as written: `20250314083000+0100`.
    public var description: String {
        func digits(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return text.count < width ? String(repeating: "0", count: width - text.count) + text : text
        }
        var text = digits(year, 4)
        for part in [month, day, hour, minute, second] {
            guard let part else { break }
            text += digits(part, 2)
        }
        if let fraction { text += "." + fraction }
        if let offset = utcOffsetMinutes {
            text += (offset < 0 ? "-" : "+") + digits(abs(offset) / 60, 2) + digits(abs(offset) % 60, 2)
        }
        return text
    }
}
