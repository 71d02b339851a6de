import DICOMweb
import Testing

struct DICOMJSONDecoderTests {
    @Test func aStowMetadataDataSetIsRead() throws {
        let json = #"""
            [{"00100020":{"vr":"LO","Value":["MRN-9"]},"00100010":{"vr":"PN","Value":[{"Alphabetic":"Doe^J"}]},
              "00280010":{"vr":"US","Value":[480]},"00200013":{"vr":"IS","Value":["7"]},
              "00082218":{"vr":"SQ","Value":[{"00080100":{"vr":"SH","Value":["7569003"]}}]},
              "7FE00010":{"vr":"OB","BulkDataURI":"photo.jpg"}}]
            """#
        let ds = try #require(try DICOMJSONDecoder.decode(Array(json.utf8)).first)
        #expect(ds.string(0x0010_0020) == "MRN-9")
        #expect(ds.string(0x0010_0010) == "Doe^J")
        #expect(ds.string(0x0028_0010) == "480")
        #expect(ds.string(0x0020_0013) == "7")
        #expect(ds[0x7FE0_0010]?.value == .bulkDataURI("photo.jpg"))
        guard case .sequence(let items)? = ds[0x0008_2218]?.value else { Issue.record("no sequence"); return }
        #expect(items.first?.string(0x0008_0100) == "7569003")
    }

    @Test(arguments: [
        "not json", #"[{"0010002":{"vr":"LO"}}]"#, #"[{"00100020":{"Value":["x"]}}]"#,
        #"[{"00100020":{"vr":"LO","Value":"x"}}]"#, #"[{"00280010":{"vr":"US","Value":["x"]}}]"#,
        #"[{"7FE00010":{"vr":"OB","InlineBinary":"AA==","BulkDataURI":"x"}}]"#, "[1]",
    ])
    func malformedMetadataIsRefused(json: String) {
        #expect(throws: DICOMJSONDecoder.DecodingError.self) { _ = try DICOMJSONDecoder.decode(Array(json.utf8)) }
    }
}
