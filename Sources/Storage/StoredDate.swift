import Foundation
import GRDB
import PhotoGateCore

/// Dates as GRDB stores them — `YYYY-MM-DD HH:MM:SS.SSS` in UTC, rounded to the millisecond as its formatter does (half up) —
/// written without a `DateFormatter` (GRDB formats each `Date` argument with one, which costs
/// more than the rest of a small insert). For the statements on the HL7 intake path; reading
/// back (``read(_:_:)``) gives bit for bit the `Date` GRDB's own parser gives, without its
/// trip through Foundation's calendar for the one format both write.
enum StoredDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down))
        let (days, ofDay) = CivilDate.split(Int(milliseconds), per: 86_400_000)
        let (year, month, day) = CivilDate.fromDays(days)
        var out = [UInt8]()
        out.reserveCapacity(23)
        func put(_ n: Int, _ width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var rest = n
            for i in stride(from: width - 1, through: 0, by: -1) {
                digits[i] = 0x30 + UInt8(rest % 10)
                rest /= 10
            }
            out += digits
        }
        put(year, 4); out.append(0x2D); put(month, 2); out.append(0x2D); put(day, 2); out.append(0x20)
        put(ofDay / 3_600_000, 2); out.append(0x3A); put(ofDay / 60_000 % 60, 2); out.append(0x3A)
        put(ofDay / 1000 % 60, 2); out.append(0x2E); put(ofDay % 1000, 3)
        return String(decoding: out, as: UTF8.self)
    }

    /// The value to bind: the text above, or NULL.
    static func value(_ date: Date?) -> DatabaseValue {
        date.map { text($0).databaseValue } ?? .null
    }

    /// The date in column `index` of `row`, exactly as GRDB reads it (`row[index]`). The format
    /// written above is read directly: GRDB turns every date into `DateComponents` and asks
    /// Foundation's calendar for the instant, which cost more than reading the rest of an asset
    /// row (a death notice reads a thousand). Anything else — NULL, another SQLite date format,
    /// a number — is left to GRDB.
    static func read(_ row: Row, _ index: Int) -> Date? {
        if let date = try? row.withUnsafeData(atIndex: index, { $0.flatMap(parse) }) { return date }
        return row[index]
    }

    /// `YYYY-MM-DD HH:MM:SS.SSS` (23 bytes, UTC), or nil.
    static func parse(_ text: Data) -> Date? {
        guard text.count == 23 else { return nil }
        return text.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Date? in
            func number(_ from: Int, _ count: Int) -> Int? {
                var n = 0
                for i in from..<(from + count) {
                    let digit = Int(bytes[i]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    n = n * 10 + digit
                }
                return n
            }
            guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20, bytes[13] == 0x3A, bytes[16] == 0x3A,
                  bytes[19] == 0x2E,
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                  let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60,
                  // Foundation's Gregorian calendar is Julian before October 1582: leave those to it.
                  year >= 1600
            else { return nil }
            // Days since 2001-01-01 (the reference date) and the time of day, added in the order
            // Foundation's calendar adds them, so the Double is the same to the last bit.
            let days = CivilDate.days(year: year, month: month, day: day) - 11_323
            let ofDay = Double(hour * 3600 + minute * 60 + second) + Double(millisecond * 1_000_000) / 1e9
            return Date(timeIntervalSinceReferenceDate: Double(days * 86_400) + ofDay)
        }
    }
}
