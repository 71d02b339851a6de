import Foundation
import HL7
import Testing

/// DTM values (MSH-7, PID-7, PID-29).
struct HL7DateTimeTests {
    @Test(arguments: ["2025", "202503", "20250314", "2025031408", "202503140830", "20250314083015",
                      "20250314083015.1234", "20250314083015-0500", "20250314+0100", "20240229"])
    func validValuesPrintBackAsWritten(text: String) throws {
        #expect(try #require(HL7DateTime(text)).description == text)
    }

    @Test(arguments: ["", "25", "20250", "2025031", "20251301", "20250230", "20230229", "20250314246000",
                      "20250314083015.", "20250314083015.12345", "2025031408.5", "20250314-05", "20250314+1560",
                      "20250314X", "2025-03-14"])
    func invalidValuesAreRefused(text: String) {
        #expect(HL7DateTime(text) == nil)
    }

    @Test func offsetDecidesTheInstant() throws {
        // Given a death time with an offset, and one without
        let withOffset = try #require(HL7DateTime("20250320143000-0500"))
        let withoutOffset = try #require(HL7DateTime("20250320193000"))
        let utc = TimeZone(identifier: "UTC")!
        // When read as instants; Then the offset wins over the assumed zone
        #expect(withOffset.date(assuming: TimeZone(identifier: "Europe/Paris")!) == withoutOffset.date(assuming: utc))
    }

    @Test(arguments: [-2_208_988_800.0, -86_401.5, -1, 0, 951_782_400, 1_709_164_800, 1_741_940_000.9, 4_102_444_799])
    func dateOfAnInstantMatchesTheCalendar(seconds: Double) {
        // Given instants before 1970, around leap days and year ends; When written in three zones
        let date = Date(timeIntervalSince1970: seconds)
        for zone in [TimeZone(identifier: "UTC")!, TimeZone(secondsFromGMT: -5 * 3600)!, TimeZone(secondsFromGMT: 13 * 3600)!] {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let time = HL7DateTime(date, timeZone: zone)
            // Then the parts are the calendar's
            #expect([time.year, time.month, time.day, time.hour, time.minute, time.second]
                == [c.year, c.month, c.day, c.hour, c.minute, c.second], "\(seconds) in \(zone)")
        }
    }

    @Test func dateOfAnInstantHasSecondsAndOffset() {
        // Given an instant; When written for MSH-7 in a zone 1 h ahead of UTC
        let time = HL7DateTime(Date(timeIntervalSince1970: 1_741_940_000), timeZone: TimeZone(secondsFromGMT: 3600)!)
        // Then it is YYYYMMDDHHMMSS+ZZZZ
        #expect(time.description == "20250314091320+0100")
    }
}
