import Foundation
import GRDB
import PhotoGateCore

/// Dates as GRDB stores them — `YYYY-MM-DD HH:MM:SS.SSS` in UTC, rounded to the millisecond as its formatter does (half up) —
/// written without a `DateFormatter` (GRDB formats each `Date` argument with one, which costs
/// more than the rest of a small insert). For the statements on the HL7 intake path; reading
/// back is GRDB's own parser, so values round-trip exactly as GRDB-written ones do.
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
}
