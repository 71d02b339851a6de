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

    @Test func dateOfAnInstantHasSecondsAndOffset() {
        // Given an instant; When written for MSH-7 in a zone 1 h ahead of UTC
        let time = HL7DateTime(Date(timeIntervalSince1970: 1_741_940_000), timeZone: TimeZone(secondsFromGMT: 3600)!)
        // Then it is YYYYMMDDHHMMSS+ZZZZ
        #expect(time.description == "20250314091320+0100")
    }
}
