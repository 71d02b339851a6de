/// One top-level DICOM attribute in its string form (multiple values separated by `\`).
public struct DicomAttribute: Sendable, Equatable {
    /// `(group << 16) | element`
    public let tag: UInt32
    public let value: String

    public init(_ tag: UInt32, _ value: String) {
        self.tag = tag
        self.value = value
    }
}

/// A coded entry (PS3.3 Table 8.8-1 Code Sequence Macro).
public struct CodedEntry: Sendable, Equatable {
    public let value: String
    public let scheme: String
    public let meaning: String

    public init(value: String, scheme: String, meaning: String) {
        self.value = value
        self.scheme = scheme
        self.meaning = meaning
    }
}

/// The tags PhotoGate writes, by keyword (PS3.6).
public enum DicomTag {
    public static let specificCharacterSet: UInt32 = 0x0008_0005
    public static let imageType: UInt32 = 0x0008_0008
    public static let sopInstanceUID: UInt32 = 0x0008_0018
    public static let studyDate: UInt32 = 0x0008_0020
    public static let seriesDate: UInt32 = 0x0008_0021
    public static let contentDate: UInt32 = 0x0008_0023
    public static let acquisitionDateTime: UInt32 = 0x0008_002A
    public static let studyTime: UInt32 = 0x0008_0030
    public static let seriesTime: UInt32 = 0x0008_0031
    public static let contentTime: UInt32 = 0x0008_0033
    public static let accessionNumber: UInt32 = 0x0008_0050
    public static let modality: UInt32 = 0x0008_0060
    public static let manufacturer: UInt32 = 0x0008_0070
    public static let referringPhysicianName: UInt32 = 0x0008_0090
    public static let studyDescription: UInt32 = 0x0008_1030
    public static let seriesDescription: UInt32 = 0x0008_103E
    public static let manufacturerModelName: UInt32 = 0x0008_1090
    public static let derivationDescription: UInt32 = 0x0008_2111
    public static let patientName: UInt32 = 0x0010_0010
    public static let patientID: UInt32 = 0x0010_0020
    public static let issuerOfPatientID: UInt32 = 0x0010_0021
    public static let patientBirthDate: UInt32 = 0x0010_0030
    public static let patientSex: UInt32 = 0x0010_0040
    public static let bodyPartExamined: UInt32 = 0x0018_0015
    public static let studyInstanceUID: UInt32 = 0x0020_000D
    public static let seriesInstanceUID: UInt32 = 0x0020_000E
    public static let studyID: UInt32 = 0x0020_0010
    public static let seriesNumber: UInt32 = 0x0020_0011
    public static let instanceNumber: UInt32 = 0x0020_0013
    public static let patientOrientation: UInt32 = 0x0020_0020
    public static let laterality: UInt32 = 0x0020_0060
    public static let imageLaterality: UInt32 = 0x0020_0062
}
