import DICOM
import Foundation
import PhotoGateCore
import TestSupport
import Testing

/// The shim's data set walk (DICOMweb metadata), single-value reads (bulk data) and keyword
/// lookup (QIDO-RS parameters), on objects DCMTK's img2dcm wrote.
struct DicomDataSetReaderTests {
    @Test func everyElementIsReadAndPixelDataStaysBulk() throws {
        // Given a VL Photographic Image with a multi-valued attribute and a sequence
        let dir = try Fixtures.scratchDirectory()
        let path = try DicomSamples.photo(in: dir, patientID: "P-77", patientName: "DOE^JANE")
        // When it is read for the DICOM JSON model
        let elements = try DicomDataSetReader.read(path: path)
        // Then values are in string form, Pixel Data is bulk (OB, never loaded) and group
        // lengths are left out
        #expect(elements.contains(.text(tag: DicomTag.patientID, vr: "LO", value: "P-77")))
        #expect(elements.contains(.text(tag: DicomTag.patientName, vr: "PN", value: "DOE^JANE")))
        #expect(elements.contains { if case .text(0x0028_0010, "US", _) = $0 { true } else { false } })
        #expect(elements.contains { if case .bulk(0x7FE0_0010, "OB", _) = $0 { true } else { false } })
        #expect(!elements.contains { $0.tag & 0xFFFF == 0 })
        #expect(elements.map(\.tag) == elements.map(\.tag).sorted())
        if let imageType = elements.first(where: { $0.tag == DicomTag.imageType }), case .text(_, _, let v) = imageType {
            #expect(v.contains("\\"))
        }
    }

    @Test func sequencesAreNested() throws {
        // Given an object to which dcmodify added an Anatomic Region Sequence item
        let dir = try Fixtures.scratchDirectory()
        let path = try DicomSamples.photo(in: dir)
        let modify = try DicomPeers.run("dcmodify", ["-nb", "-i", "(0008,2218)[0].(0008,0100)=85562004",
                                                     "-i", "(0008,2218)[0].(0008,0102)=SCT", path])
        #expect(modify.status == 0, "\(modify.stderr)")
        // When read
        let elements = try DicomDataSetReader.read(path: path)
        // Then the sequence holds its item's elements
        let sequence = elements.first { $0.tag == 0x0008_2218 }
        guard case .sequence(_, let items)? = sequence else {
            Issue.record("no sequence in \(elements.map(\.tag))")
            return
        }
        #expect(items.count == 1)
        #expect(items[0].contains(.text(tag: 0x0008_0100, vr: "SH", value: "85562004")))
    }

    @Test func singleValuesAndKeywords() throws {
        let dir = try Fixtures.scratchDirectory()
        let path = try DicomSamples.photo(in: dir, patientID: "P-78")
        #expect(try DicomDataSetReader.value(path: path, tag: DicomTag.patientID) == Array("P-78".utf8))
        #expect(throws: PGError.self) { try DicomDataSetReader.value(path: path, tag: 0x0028_2000) }
        #expect(DicomToolkit.tag(keyword: "PatientID") == DicomTag.patientID)
        #expect(DicomToolkit.tag(keyword: "ModalitiesInStudy") == 0x0008_0061)
        #expect(DicomToolkit.tag(keyword: "NoSuchKeyword") == nil)
    }
}
