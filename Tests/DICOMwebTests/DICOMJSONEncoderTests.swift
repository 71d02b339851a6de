import DICOMweb
import Foundation
import Testing

struct DICOMJSONEncoderTests {
    @Test func valuesFollowTheirVR() throws {
        // Given attributes in DICOM string form
        var ds = DICOMJSONDataSet()
        ds.set(0x0010_0010, vr: "PN", "Doe^Jane=ド^ジ\\Roe^R")
        ds.set(0x0020_0011, vr: "IS", "+0012")
        ds.set(0x0020_0032, vr: "DS", "+001\\-.5\\3.")
        ds.set(0x0008_0061, vr: "CS", "XC\\\\OT ")
        ds.set(0x0008_0050, vr: "SH", "")
        ds.set(0x0020_4000, vr: "LT", "a \"quoted\"\\text\n")
        ds[0x7FE0_0010] = DICOMJSONElement(vr: "OB", value: .bulkDataURI("http://h/bulkdata/7FE00010"))
        ds[0x0028_2000] = DICOMJSONElement(vr: "OB", value: .inlineBinary([1, 2, 3]))
        var item = DICOMJSONDataSet()
        item.set(0x0008_0100, vr: "SH", "7569003")
        ds[0x0008_2218] = DICOMJSONElement(vr: "SQ", value: .sequence([item]))
        // When encoded
        let bytes = DICOMJSONEncoder.encode([ds])
        // Then it is JSON in the PS3.18 F.2 model
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: [String: Any]]])
        let o = root[0]
        let pn = o["00100010"]?["Value"] as? [[String: String]]
        #expect(pn?[0] == ["Alphabetic": "Doe^Jane", "Ideographic": "ド^ジ"])
        #expect(pn?[1] == ["Alphabetic": "Roe^R"])
        #expect((o["00200011"]?["Value"] as? [NSNumber])?.map(\.intValue) == [12])
        #expect((o["00200032"]?["Value"] as? [NSNumber])?.map(\.doubleValue) == [1, -0.5, 3])
        #expect(o["00080061"]?["Value"] as? [Any?] != nil)
        #expect(o["00080050"]?.keys.sorted() == ["vr"])
        #expect((o["00204000"]?["Value"] as? [String]) == ["a \"quoted\"\\text\n"])
        #expect(o["7FE00010"]?["BulkDataURI"] as? String == "http://h/bulkdata/7FE00010")
        #expect(o["00282000"]?["InlineBinary"] as? String == "AQID")
        #expect(((o["00082218"]?["Value"] as? [[String: [String: Any]]])?[0]["00080100"]?["Value"] as? [String]) == ["7569003"])
        // ... with the keys in tag order
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.range(of: "\"00080050\"")!.lowerBound < text.range(of: "\"00100010\"")!.lowerBound)
    }

    @Test func decodingWhatWasEncodedGivesItBack() throws {
        var ds = DICOMJSONDataSet()
        ds.set(0x0010_0010, vr: "PN", "Doe^Jane")
        ds.set(0x0010_0020, vr: "LO", "MRN-1")
        ds.set(0x0028_0010, vr: "US", "480")
        ds[0x7FE0_0010] = DICOMJSONElement(vr: "OB", value: .bulkDataURI("cid:photo"))
        let back = try DICOMJSONDecoder.decode(DICOMJSONEncoder.encode([ds]))
        #expect(back == [ds])
        #expect(back[0].string(0x0010_0010) == "Doe^Jane")
    }

    @Test(arguments: [
        ("+0012", "12"), ("  7 ", "7"), (".5", "0.5"), ("3.", "3"), ("-0", "0"), ("1e3", "1E3"), ("-1.25E-02", "-1.25E-02"),
    ])
    func dicomNumbersBecomeJSONNumbers(raw: String, json: String) {
        #expect(JSONNumberText.normalize(raw) == json)
    }

    @Test(arguments: ["", "abc", "1.2.3", "e5", "--1"])
    func nonNumbersAreRefused(raw: String) {
        #expect(JSONNumberText.normalize(raw) == nil)
    }
}
