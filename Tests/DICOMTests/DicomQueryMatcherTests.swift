import DICOM
import PhotoGateCore
import Testing

/// PS3.4 C.2.2.2 attribute matching, with a fixed VR table (no data dictionary needed).
struct DicomQueryMatcherTests {
    private let matcher = DicomQueryMatcher { tag in
        switch tag {
        case 0x0010_0010: return "PN"
        case 0x0008_0020: return "DA"
        case 0x0008_0030: return "TM"
        case 0x0020_000D, 0x0008_0018: return "UI"
        case 0x0008_0061, 0x0008_0060: return "CS"
        default: return "LO"
        }
    }

    @Test(arguments: [
        ("", true), ("*", true), ("DOE^JOHN", true), ("doe^john", true), ("DOE*", true), ("*JOHN", true),
        ("D?E^J*", true), ("DOE", false), ("SMITH*", false), ("DOE^JOHN^", false),
    ])
    func personNames(key: String, matches: Bool) {
        #expect(matcher.matches("DOE^JOHN", key: key, tag: 0x0010_0010) == matches)
    }

    @Test(arguments: [
        ("20240110", true), ("20240101-20240131", true), ("20240101-", true), ("-20240110", true),
        ("20240111-", false), ("-20240109", false), ("2024*", false),
    ])
    func dateRanges(key: String, matches: Bool) {
        #expect(matcher.matches("20240110", key: key, tag: 0x0008_0020) == matches)
    }

    @Test func timeRangeUpperBoundCoversTheWholeMinute() {
        #expect(matcher.matches("103015", key: "1000-1030", tag: 0x0008_0030))
        #expect(!matcher.matches("103100", key: "1000-1030", tag: 0x0008_0030))
    }

    @Test func listOfUIDs() {
        #expect(matcher.matches("1.2.3", key: "1.2.2\\1.2.3", tag: 0x0020_000D))
        #expect(!matcher.matches("1.2.3", key: "1.2.*", tag: 0x0020_000D), "no wild cards in UIDs")
        #expect(!matcher.matches("1.2.30", key: "1.2.3", tag: 0x0020_000D))
    }

    @Test func multiValuedRecordMatchesAnyValue() {
        #expect(matcher.matches("XC\\OT", key: "OT", tag: 0x0008_0061))
        #expect(matcher.matches("XC", key: "MR\\XC", tag: 0x0008_0061))
        #expect(!matcher.matches("XC\\OT", key: "MR", tag: 0x0008_0061))
    }

    @Test func valuesAreCaseSensitiveOutsidePersonNames() {
        #expect(!matcher.matches("Wound", key: "wound", tag: 0x0008_1030))
        #expect(matcher.matches("Wound check", key: "Wound*", tag: 0x0008_1030))
    }

    @Test func missingValueMatchesOnlyUniversalKeys() {
        #expect(matcher.matches(nil, key: "", tag: 0x0010_0010))
        #expect(!matcher.matches(nil, key: "DOE*", tag: 0x0010_0010))
        #expect(!matcher.matches("", key: "DOE*", tag: 0x0010_0010))
    }

    @Test func recordMatchesEveryKeyIgnoringCharacterSetAndLevel() {
        let record: [UInt32: String] = [0x0010_0010: "DOE^JOHN", 0x0008_0020: "20240110"]
        let keys = [DicomAttribute(0x0008_0005, "ISO_IR 192"), DicomAttribute(0x0008_0052, "STUDY"),
                    DicomAttribute(0x0010_0010, "DOE*"), DicomAttribute(0x0008_0020, "2024-")]

        #expect(matcher.matches(record, keys: keys))
        #expect(!matcher.matches(record, keys: keys + [DicomAttribute(0x0008_0060, "XC")]))
    }
}
