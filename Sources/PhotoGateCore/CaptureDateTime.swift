import Foundation

/// A local date and time with optional fraction and UTC offset, rendered as DICOM DA, TM
/// and DT (PS3.5 §6.2). Built from EXIF DateTimeOriginal (CIPA DC-008 §4.6.5:
/// `YYYY:MM:DD HH:MM:SS`, with SubSecTimeOriginal and OffsetTimeOriginal) or from a clock.
public struct CaptureDateTime: Sendable, Equatable {
    public let year, month, day, hour, minute, second: Int
    /// Decimal fraction digits of the second, at most 6 (`"25"` = .25 s).
    public let fraction: String?
    /// `+HHMM` / `-HHMM`
    public let utcOffset: String?

    public init?(exif: String, subSeconds: String? = nil, offset: String? = nil) {
        let s = exif.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\0")))
        let parts = s.split(whereSeparator: { $0 == ":" || $0 == " " }).map { Int($0) }
        guard parts.count == 6, let y = parts[0], let mo = parts[1], let d = parts[2],
              let h = parts[3], let mi = parts[4], let se = parts[5],
              (1...9999).contains(y), (1...12).contains(mo), d >= 1, d <= DicomValue.daysIn(month: mo, year: y),
              (0...23).contains(h), (0...59).contains(mi), (0...60).contains(se)
        else { return nil }
        (year, month, day, hour, minute, second) = (y, mo, d, h, mi, se)
        let digits = subSeconds?.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\0")))
        fraction = digits.flatMap { $0.isEmpty || !$0.allSatisfy(\.isNumber) ? nil : String($0.prefix(6)) }
        utcOffset = offset.flatMap(Self.parseOffset)
    }

    /// The wall-clock time of `date` in `timeZone`.
    public init(date: Date, timeZone: TimeZone = .current) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        (year, month, day, hour, minute, second) = (c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
        fraction = nil
        let seconds = timeZone.secondsFromGMT(for: date)
        utcOffset = String(format: "%@%02d%02d", seconds < 0 ? "-" : "+", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    /// `+02:00` → `+0200`
    static func parseOffset(_ raw: String) -> String? {
        let s = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\0")))
        let chars = Array(s)
        guard chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
              let h = Int(String(chars[1...2])), let m = Int(String(chars[4...5])), h <= 14, m < 60
        else { return nil }
        return String(chars[0]) + String(chars[1...2]) + String(chars[4...5])
    }

    /// DA `YYYYMMDD`
    public var dicomDate: String { String(format: "%04d%02d%02d", year, month, day) }
    /// TM `HHMMSS[.F]`
    public var dicomTime: String {
        String(format: "%02d%02d%02d", hour, minute, min(second, 59)) + (fraction.map { "." + $0 } ?? "")
    }
    /// DT `YYYYMMDDHHMMSS[.F][&ZZXX]`
    public var dicomDateTime: String { dicomDate + dicomTime + (utcOffset ?? "") }
}
