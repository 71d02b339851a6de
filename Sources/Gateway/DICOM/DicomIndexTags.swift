import DICOM
import PhotoGateCore

/// The attributes the gateway indexes for C-FIND and QIDO-RS, with the query level each
/// belongs to (PS3.4 C.6.1.1 Patient Root, C.6.2.1 Study Root; PS3.18 10.6.1.2 for QIDO).
enum DicomIndexTags {
    static let patient: [UInt32] = [
        DicomTag.patientName, DicomTag.patientID, DicomTag.issuerOfPatientID, DicomTag.patientBirthDate,
        DicomTag.patientSex,
    ]
    static let study: [UInt32] = [
        DicomTag.studyInstanceUID, DicomTag.studyDate, DicomTag.studyTime, DicomTag.accessionNumber, DicomTag.studyID,
        DicomTag.studyDescription, DicomTag.referringPhysicianName,
    ]
    static let series: [UInt32] = [
        DicomTag.seriesInstanceUID, DicomTag.modality, DicomTag.seriesNumber, DicomTag.seriesDescription,
        DicomTag.bodyPartExamined, DicomTag.laterality, DicomTag.seriesDate, DicomTag.seriesTime,
    ]
    static let instance: [UInt32] = [
        sopClassUID, DicomTag.sopInstanceUID, DicomTag.instanceNumber, DicomTag.contentDate, DicomTag.contentTime,
        DicomTag.imageType, DicomTag.imageLaterality, DicomTag.acquisitionDateTime, rows, columns, numberOfFrames,
        DicomTag.specificCharacterSet,
    ]
    static let all = patient + study + series + instance

    static let sopClassUID: UInt32 = 0x0008_0016
    static let rows: UInt32 = 0x0028_0010
    static let columns: UInt32 = 0x0028_0011
    static let numberOfFrames: UInt32 = 0x0028_0008
    static let transferSyntaxUID: UInt32 = 0x0002_0010
    static let retrieveAETitle: UInt32 = 0x0008_0054
    static let instanceAvailability: UInt32 = 0x0008_0056
    static let modalitiesInStudy: UInt32 = 0x0008_0061
    static let sopClassesInStudy: UInt32 = 0x0008_0062
    static let numberOfPatientRelatedStudies: UInt32 = 0x0020_1200
    static let numberOfPatientRelatedSeries: UInt32 = 0x0020_1202
    static let numberOfPatientRelatedInstances: UInt32 = 0x0020_1204
    static let numberOfStudyRelatedSeries: UInt32 = 0x0020_1206
    static let numberOfStudyRelatedInstances: UInt32 = 0x0020_1208
    static let numberOfSeriesRelatedInstances: UInt32 = 0x0020_1209

    /// The level an attribute belongs to; attributes the index does not know count as
    /// instance level.
    static func level(of tag: UInt32) -> DicomQuery.Level {
        if patient.contains(tag) || [numberOfPatientRelatedStudies, numberOfPatientRelatedSeries,
                                      numberOfPatientRelatedInstances].contains(tag) { return .patient }
        if study.contains(tag) || [modalitiesInStudy, sopClassesInStudy, numberOfStudyRelatedSeries,
                                    numberOfStudyRelatedInstances].contains(tag) { return .study }
        if series.contains(tag) || tag == numberOfSeriesRelatedInstances { return .series }
        return .image
    }

    /// The indexed attributes of an object.
    static func attributes(of file: DicomFile) -> [UInt32: String] {
        var out: [UInt32: String] = [:]
        for tag in all { if let value = file.string(tag) { out[tag] = value } }
        return out
    }
}

extension DicomQuery.Level {
    /// PATIENT < STUDY < SERIES < IMAGE.
    var depth: Int {
        switch self {
        case .patient: 0
        case .study: 1
        case .series: 2
        case .image: 3
        }
    }
}
