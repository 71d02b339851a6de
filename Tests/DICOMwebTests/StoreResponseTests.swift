import DICOMweb
import Testing

struct StoreResponseTests {
    static let stored = StoreResponse.Stored(sopClassUID: "1.2.840.10008.5.1.4.1.1.77.1.4", sopInstanceUID: "2.25.1",
                                             retrieveURL: "http://h/dicomweb/studies/2.25.9/series/2.25.8/instances/2.25.1")

    @Test func statusFollowsPS3_18Table10_5_3_1() {
        var r = StoreResponse()
        r.stored = [Self.stored]
        #expect(r.httpStatus == 200)
        r.failed = [.init(sopClassUID: "1.2", sopInstanceUID: "2.25.2", reason: 0xA900)]
        #expect(r.httpStatus == 202)
        r.stored = []
        #expect(r.httpStatus == 409)
    }

    @Test func theResponseModuleNamesEachInstance() {
        var r = StoreResponse()
        r.stored = [Self.stored]
        r.failed = [.init(sopClassUID: "1.2", sopInstanceUID: "2.25.2", reason: 0xA900),
                    .init(sopClassUID: nil, sopInstanceUID: nil, reason: 0xC000)]
        r.studyRetrieveURL = "http://h/dicomweb/studies/2.25.9"
        let ds = r.dataSet
        guard case .sequence(let ok)? = ds[0x0008_1199]?.value, case .sequence(let bad)? = ds[0x0008_1198]?.value,
              case .sequence(let other)? = ds[0x0008_119A]?.value else {
            Issue.record("missing sequences")
            return
        }
        #expect(ok[0].string(0x0008_1155) == "2.25.1")
        #expect(ok[0].string(0x0008_1190) == Self.stored.retrieveURL)
        #expect(bad[0].string(0x0008_1197) == String(0xA900))
        #expect(other[0].string(0x0008_1197) == String(0xC000))
        #expect(ds.string(0x0008_1190) == "http://h/dicomweb/studies/2.25.9")
    }
}
