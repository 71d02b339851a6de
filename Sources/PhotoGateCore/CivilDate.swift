import Foundation

/// Days since 1970-01-01 ↔ proleptic Gregorian year, month, day, by integer arithmetic
/// (H. Hinnant, "chrono-compatible low-level date algorithms"). For the hot paths that format
/// or read timestamps (stored dates, HL7 MSH-7, FHIR instants) without a Calendar or a
/// formatter, which cost tens of microseconds each.
public enum CivilDate {
    /// The civil date of a day number (days since 1970-01-01, negative before).
    public static func fromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * mp + 2) / 5 + 1)
    }

    /// The day number of a civil date (month 1–12, day 1–31; not checked).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Floor division of seconds (or milliseconds) into whole days and what is left of the day.
    public static func split(_ value: Int, per day: Int) -> (days: Int, rest: Int) {
        let days = value >= 0 ? value / day : (value - day + 1) / day
        return (days, value - days * day)
    }

    /// `2024-03-01T09:30:00.000Z`: the instant in UTC, rounded to the nearest millisecond
    /// (FHIR `instant`, the JSON API's timestamps).
    public static func instant(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded())
        let (days, ofDay) = split(ms, per: 86_400_000)
        let (y, m, d) = fromDays(days)
        var out = [UInt8]()
        out.reserveCapacity(24)
        func put(_ n: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                out.append(0x30 + UInt8(n / divisor % 10))
                divisor /= 10
            }
        }
        put(y, 4); out.append(0x2D); put(m, 2); out.append(0x2D); put(d, 2); out.append(0x54)
        put(ofDay / 3_600_000, 2); out.append(0x3A); put(ofDay / 60_000 % 60, 2); out.append(0x3A)
        put(ofDay / 1000 % 60, 2); out.append(0x2E); put(ofDay % 1000, 3); out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
    }
}
