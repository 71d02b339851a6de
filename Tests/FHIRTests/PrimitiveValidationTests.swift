import FHIR
import Foundation
import Testing

/// The lexical rules of the FHIR R4 primitive types (datatypes.html, "Primitive Types").
struct PrimitiveValidationTests {
    static let valid: [(FHIRPrimitiveType, String)] = [
        (.boolean, "true"), (.boolean, "false"),
        (.integer, "0"), (.integer, "-2147483648"), (.integer, "2147483647"),
        (.positiveInt, "1"), (.positiveInt, "+7"), (.unsignedInt, "0"),
        (.decimal, "0.10"), (.decimal, "-1.50"), (.decimal, "1e3"), (.decimal, "6.02E+23"),
        (.string, "a\tb\nc"), (.markdown, "*bold*"),
        (.code, "entered-in-error"), (.code, "two words"), (.code, "em\u{2003}space"), (.code, "Müller"),
        (.string, "Zoë\u{FFFD}"), (.uri, "urn:x:ümlaut"),
        (.id, "pat-1001.v2"), (.id, String(repeating: "a", count: 64)),
        (.uri, "urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a"), (.url, "https://x.example/a?b=c"), (.canonical, "http://hl7.org/fhir/StructureDefinition/Patient|4.0.1"),
        (.oid, "urn:oid:2.16.840.1.113883"), (.uuid, "urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a"),
        (.base64Binary, "/9j/4AAQ"), (.base64Binary, "QQ=="), (.base64Binary, "QUI= "),
        (.date, "2024"), (.date, "2024-02"), (.date, "2024-02-29"), (.date, "2000-02-29"),
        (.dateTime, "2024"), (.dateTime, "2024-03-01"), (.dateTime, "2024-03-01T09:30:00Z"),
        (.dateTime, "2024-03-01T09:30:00.123+01:00"), (.dateTime, "2024-03-01T09:30:00+14:00"),
        (.instant, "2024-03-01T09:30:00.000Z"), (.instant, "2024-03-01T23:59:60-05:00"),
        (.time, "09:30:00"), (.time, "23:59:59.5"),
    ]

    static let invalid: [(FHIRPrimitiveType, String)] = [
        (.boolean, "TRUE"), (.boolean, "1"),
        (.integer, "01"), (.integer, "2147483648"), (.integer, "1.0"), (.integer, "+1"), (.integer, ""),
        (.positiveInt, "0"), (.positiveInt, "-1"), (.unsignedInt, "-1"), (.unsignedInt, "2147483648"),
        (.decimal, ".5"), (.decimal, "1."), (.decimal, "01.5"), (.decimal, "1,5"), (.decimal, "NaN"),
        (.string, ""), (.string, "bell\u{07}"),
        (.code, " lead"), (.code, "trail "), (.code, "two  spaces"), (.code, ""),
        (.code, "\u{A0}lead"), (.code, "trail\u{2003}"), (.code, "nbsp\u{A0}\u{A0}twice"), (.code, "new\nline\n"), (.code, "bell\u{07}"),
        (.string, "non-character\u{FFFE}"), (.string, "\u{FFFF}"), (.uri, "nbsp\u{A0}inside"), (.uri, "tab\tinside"),
        (.id, "has space"), (.id, "under_score"), (.id, String(repeating: "a", count: 65)),
        (.uri, "has space"), (.uri, ""), (.oid, "2.16.840"), (.oid, "urn:oid:3.1"), (.oid, "urn:oid:1.02"),
        (.uuid, "urn:uuid:61EBE359-BFDC-4613-8BF2-C5E300945F0A"), (.uuid, "61ebe359-bfdc-4613-8bf2-c5e300945f0a"),
        (.base64Binary, "QQ="), (.base64Binary, "Q=Q="), (.base64Binary, "@@@@"), (.base64Binary, ""),
        (.date, "24"), (.date, "2024-2"), (.date, "2024-02-30"), (.date, "2023-02-29"), (.date, "1900-02-29"),
        (.date, "0000"), (.date, "2024-13"), (.date, "2024-03-01T09:30:00Z"),
        (.dateTime, "2024-03-01T09:30:00"), (.dateTime, "2024-03-01T09:30Z"), (.dateTime, "2024-03-01T24:00:00Z"),
        (.dateTime, "2024-03-01T09:30:00+15:00"), (.dateTime, "2024-03-01 09:30:00Z"), (.dateTime, "2024-03-01T09:30:00.Z"),
        (.instant, "2024-03-01"), (.instant, "2024-03-01T09:30:00"),
        (.time, "9:30:00"), (.time, "09:30"), (.time, "09:30:00Z"),
    ]

    @Test(arguments: valid)
    func acceptsValidLexicalForms(type: FHIRPrimitiveType, text: String) {
        #expect(type.problem(with: text) == nil)
    }

    @Test(arguments: invalid)
    func rejectsInvalidLexicalForms(type: FHIRPrimitiveType, text: String) {
        #expect(type.problem(with: text) != nil)
    }

    @Test func decimalsKeepTheirText() throws {
        let d = try #require(FHIRDecimal("1.50"))
        #expect(d.text == "1.50")
        #expect(d.decimalValue == Decimal(string: "1.5"))
        #expect(FHIRDecimal("1.5.0") == nil)
    }

    @Test func temporalValuesConvertToDates() throws {
        let instant = FHIRTemporal.instant(Date(timeIntervalSince1970: 1_709_285_400))
        #expect(instant == "2024-03-01T09:30:00.000Z")
        #expect(FHIRTemporal.start(of: instant) == Date(timeIntervalSince1970: 1_709_285_400))
        #expect(FHIRTemporal.start(of: "2024-03-01T10:30:00+01:00") == Date(timeIntervalSince1970: 1_709_285_400))
        #expect(FHIRTemporal.start(of: "2024-03") == Date(timeIntervalSince1970: 1_709_251_200))
        #expect(FHIRTemporal.start(of: "2024-03-01T10:30:00") == nil)
    }

    /// The integer arithmetic agrees with Foundation's ISO 8601 formatter (what it replaced)
    /// on random instants from 1583 to 9999, written and read back with random offsets. Before
    /// the Gregorian reform ICU switches to the Julian calendar; FHIR dates are ISO 8601 (XML
    /// Schema), proleptic Gregorian, which is what the arithmetic keeps.
    @Test func temporalArithmeticAgreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let ms = Int64.random(in: -12_212_553_600_000...253_402_300_799_000, using: &rng)
            let date = Date(timeIntervalSince1970: Double(ms) / 1000)
            #expect(FHIRTemporal.instant(date) == formatter.string(from: date), "\(ms)")
            let offsetMinutes = [0, 60, -300, 330, 840, -720][Int.random(in: 0..<6, using: &rng)]
            let zoned = ISO8601DateFormatter()
            zoned.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            zoned.timeZone = TimeZone(secondsFromGMT: offsetMinutes * 60)
            let text = zoned.string(from: date)
            let read = try #require(FHIRTemporal.start(of: text), "\(text)")
            #expect(abs(read.timeIntervalSince1970 - zoned.date(from: text)!.timeIntervalSince1970) < 0.0005, "\(text)")
        }
        let proleptic: [(String, TimeInterval)] = [("0001", -62_135_596_800), ("1582-10-04", -12_220_243_200),
                                                   ("1969-12", -2_678_400), ("1900-02-28", -2_203_977_600),
                                                   ("2000-02-29", 951_782_400), ("9999-12-31", 253_402_214_400)]
        for (text, seconds) in proleptic {
            #expect(FHIRTemporal.start(of: text) == Date(timeIntervalSince1970: seconds), "\(text)")
        }
    }
}
