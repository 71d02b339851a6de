import Foundation

/// DICOM keywords (PS3.6) of the attributes cases query and check, and their tags.
enum DicomKeywords {
    static let tags: [String: UInt32] = [
        "SpecificCharacterSet": 0x0008_0005, "SOPClassUID": 0x0008_0016, "SOPInstanceUID": 0x0008_0018,
        "StudyDate": 0x0008_0020, "ContentDate": 0x0008_0023, "StudyTime": 0x0008_0030, "AccessionNumber": 0x0008_0050,
        "QueryRetrieveLevel": 0x0008_0052, "RetrieveAETitle": 0x0008_0054, "Modality": 0x0008_0060,
        "ModalitiesInStudy": 0x0008_0061, "SOPClassesInStudy": 0x0008_0062, "ReferringPhysicianName": 0x0008_0090,
        "StudyDescription": 0x0008_1030, "SeriesDescription": 0x0008_103E, "PatientName": 0x0010_0010,
        "PatientID": 0x0010_0020, "IssuerOfPatientID": 0x0010_0021, "PatientBirthDate": 0x0010_0030,
        "PatientSex": 0x0010_0040, "BodyPartExamined": 0x0018_0015, "StudyInstanceUID": 0x0020_000D,
        "SeriesInstanceUID": 0x0020_000E, "StudyID": 0x0020_0010, "SeriesNumber": 0x0020_0011,
        "InstanceNumber": 0x0020_0013, "Laterality": 0x0020_0060, "ImageLaterality": 0x0020_0062,
        "NumberOfPatientRelatedStudies": 0x0020_1200, "NumberOfStudyRelatedSeries": 0x0020_1206,
        "NumberOfStudyRelatedInstances": 0x0020_1208, "NumberOfSeriesRelatedInstances": 0x0020_1209,
        "Rows": 0x0028_0010, "Columns": 0x0028_0011,
    ]

    static let names: [UInt32: String] = Dictionary(uniqueKeysWithValues: tags.map { ($1, $0) })

    /// A keyword, or 8 hex digits (`00100020`, `(0010,0020)`).
    static func tag(_ text: String) -> UInt32? {
        if let t = tags[text] { return t }
        let hex = text.filter { $0.isHexDigit }
        guard hex.count == 8, text.allSatisfy({ $0.isHexDigit || "(),".contains($0) }) else { return nil }
        return UInt32(hex, radix: 16)
    }

    /// The keyword, or `ggggeeee`.
    static func name(_ tag: UInt32) -> String {
        names[tag] ?? String(format: "%08X", tag)
    }
}
