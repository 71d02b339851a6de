import DICOM
import PhotoGateCore
import Testing

/// Response identifiers built from a match (PS3.4 C.4.1.1.3.2).
struct DicomQueryTests {
    private func query(_ keys: [DicomAttribute]) -> DicomQuery {
        DicomQuery(service: .find, root: .study, level: .study, keys: keys)
    }

    @Test func responseCarriesExactlyTheRequestedKeys() {
        let q = query([DicomAttribute(0x0020_000D, ""), DicomAttribute(0x0010_0010, "DOE*"),
                       DicomAttribute(0x0008_1030, "")])
        let match = [DicomAttribute(0x0010_0020, "P1"), DicomAttribute(0x0010_0010, "DOE^JOHN"),
                     DicomAttribute(0x0020_000D, "1.2.3")]

        #expect(q.response(for: match) == [DicomAttribute(0x0020_000D, "1.2.3"), DicomAttribute(0x0010_0010, "DOE^JOHN"),
                                           DicomAttribute(0x0008_1030, "")])
    }

    @Test func nonASCIIValuesNameUTF8() {
        let q = query([DicomAttribute(0x0010_0010, "")])

        let response = q.response(for: [DicomAttribute(0x0010_0010, "MÜLLER^ANNA")])

        #expect(response.first == DicomAttribute(0x0008_0005, "ISO_IR 192"))
    }

    @Test func characterSetOfTheMatchIsKept() {
        let q = query([DicomAttribute(0x0010_0010, "")])

        let response = q.response(for: [DicomAttribute(0x0008_0005, "ISO_IR 100"), DicomAttribute(0x0010_0010, "X")])

        #expect(response == [DicomAttribute(0x0008_0005, "ISO_IR 100"), DicomAttribute(0x0010_0010, "X")])
    }

    @Test func subscriptReadsAKey() {
        let q = query([DicomAttribute(0x0020_000D, "1.2.3")])

        #expect(q[0x0020_000D] == "1.2.3")
        #expect(q[0x0010_0010] == nil)
    }
}
