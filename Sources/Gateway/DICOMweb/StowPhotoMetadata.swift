import DICOM
import DICOMweb
import Foundation
import PhotoGateCore

/// What a STOW-RS metadata data set (the WIC-style upload: DICOM JSON plus a JPEG) says
/// about the photo, checked before anything is stored (IHE Web-based Image Capture; PS3.18
/// 10.5.1.2.2). The gateway makes the VL Photographic Image itself, so only these attributes
/// are taken; the rest of the data set is not copied.
struct StowPhotoMetadata: Sendable {
    static let vlPhotographic = "1.2.840.10008.5.1.4.1.1.77.1.4"

    var patientID: String
    var issuer: String?
    var studyInstanceUID: String?
    var seriesInstanceUID: String?
    var sopInstanceUID: String?
    var accessionNumber: String?
    /// Body Part Examined, or the SNOMED CT code of the Anatomic Region Sequence.
    var bodySite: String?
    var laterality: Laterality?
    var description: String?
    /// The Patient module in DICOM string form, for a patient the gateway does not know yet.
    var patientAttributes: [UInt32: String]
    /// The pixel data: a BulkDataURI to resolve, or the bytes themselves.
    var bulkDataURI: String?
    var inlinePixels: [UInt8]?

    /// Reads and checks the data set; a study named by the path must be the data set's.
    init(_ ds: DICOMJSONDataSet, pathStudy: String?) throws {
        func text(_ tag: UInt32) -> String? {
            guard let v = ds.string(tag)?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        if let sopClass = text(0x0008_0016), sopClass != Self.vlPhotographic {
            throw StowFailure(reason: 0x0122, "SOP class \(sopClass) cannot be made from a photo; the gateway writes "
                + "VL Photographic Image Storage")
        }
        guard let patientID = text(DicomTag.patientID) else {
            throw PGError(.missingRequired, "the metadata has no PatientID (00100020)")
        }
        self.patientID = patientID
        issuer = text(DicomTag.issuerOfPatientID)
        studyInstanceUID = text(DicomTag.studyInstanceUID) ?? pathStudy
        if let pathStudy, studyInstanceUID != pathStudy {
            throw StowFailure(reason: 0xA900, "the metadata's StudyInstanceUID is not the study of the request path")
        }
        seriesInstanceUID = text(DicomTag.seriesInstanceUID)
        sopInstanceUID = text(DicomTag.sopInstanceUID)
        accessionNumber = text(DicomTag.accessionNumber)
        var site = text(DicomTag.bodyPartExamined)
        if site == nil, case .sequence(let items)? = ds[0x0008_2218]?.value, let code = items.first?.string(0x0008_0100) {
            site = code  // Anatomic Region Sequence > Code Value (SNOMED CT)
        }
        bodySite = site
        if let l = text(DicomTag.imageLaterality) ?? text(DicomTag.laterality) {
            guard let parsed = Laterality(rawValue: l) else {
                throw PGError(.invalidAttribute, "laterality '\(l)' must be L, R, U or B")
            }
            laterality = parsed
        }
        description = text(DicomTag.seriesDescription) ?? text(DicomTag.studyDescription)
        var patient: [UInt32: String] = [:]
        for tag in [DicomTag.patientName, DicomTag.patientBirthDate, DicomTag.patientSex] {
            if let v = text(tag) { patient[tag] = v }
        }
        patientAttributes = patient
        switch ds[0x7FE0_0010]?.value {
        case .bulkDataURI(let uri)?: bulkDataURI = uri
        case .inlineBinary(let bytes)?: inlinePixels = bytes
        default:
            throw PGError(.missingRequired, "the metadata has no Pixel Data (7FE00010) BulkDataURI naming the photo's part")
        }
    }
}
