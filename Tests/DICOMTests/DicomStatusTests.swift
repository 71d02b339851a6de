import DICOM
import PhotoGateCore
import Testing

/// DIMSE status categories (PS3.7 C.1) and the registry mapping.
struct DicomStatusTests {
    @Test(arguments: [
        (UInt16(0x0000), DicomStatus.Category.success), (0xFF00, .pending), (0xFF01, .pending), (0xFE00, .cancel),
        (0xB000, .warning), (0xB007, .warning), (0x0001, .warning), (0xA700, .failure), (0xA801, .failure),
        (0xA900, .failure), (0xC000, .failure), (0x0122, .failure),
    ])
    func categories(raw: UInt16, category: DicomStatus.Category) {
        #expect(DicomStatus(raw).category == category)
    }

    @Test func registryErrorsMapToTheirStatus() {
        #expect(DicomStatus(PGError(.outputWriteFailed, "disk full")) == .outOfResources)
        #expect(DicomStatus(PGError(.missingRequired, "no patient")) == .dataSetDoesNotMatchSOPClass)
        #expect(DicomStatus(PGError(.invalidDicomFile, "garbage")) == .cannotUnderstand)
    }

    @Test func describesInHex() {
        #expect(DicomStatus.outOfResources.description == "0xA700")
        #expect(DicomStatus.success.description == "0x0000")
    }
}
