/// Who and what a photo belongs to: the caller-supplied context of a wrap.
/// Values are validated against their DICOM value representations on creation, so a bad
/// value is reported with the option or field that carried it.
public struct PatientContext: Sendable, Equatable {
    public var patientID: String
    /// Issuer of Patient ID (0010,0021): the assigning authority of `patientID`.
    public var issuer: String?
    /// DICOM Person Name, `Family^Given^Middle^Prefix^Suffix`.
    public var patientName: String
    /// `YYYYMMDD`
    public var birthDate: String?
    /// `M`, `F` or `O` (PS3.3 C.7.1.1 Patient's Sex).
    public var sex: String?

    public init(patientID: String, issuer: String? = nil, patientName: String,
                birthDate: String? = nil, sex: String? = nil) throws {
        self.patientID = try DicomValue.lo(patientID, field: "patient ID", required: true)
        self.issuer = try issuer.map { try DicomValue.lo($0, field: "issuer") }
        self.patientName = try DicomValue.pn(patientName, field: "patient name")
        self.birthDate = try birthDate.map { try DicomValue.da($0, field: "birth date") }
        if let sex, !["M", "F", "O"].contains(sex) {
            throw PGError(.invalidAttribute, "sex '\(sex)' must be M, F or O")
        }
        self.sex = sex
    }
}

/// Study/series context and clinical description of one photo.
public struct PhotoContext: Sendable, Equatable {
    public var bodySite: BodySite?
    public var laterality: Laterality?
    public var description: String?
    public var studyInstanceUID: String?
    public var accessionNumber: String?
    /// Series and SOP Instance UIDs chosen by the sender (a DICOMweb capture app); new ones
    /// are made when nil.
    public var seriesInstanceUID: String?
    public var sopInstanceUID: String?

    public init(bodySite: BodySite? = nil, laterality: Laterality? = nil, description: String? = nil,
                studyInstanceUID: String? = nil, accessionNumber: String? = nil, seriesInstanceUID: String? = nil,
                sopInstanceUID: String? = nil) throws {
        self.bodySite = bodySite
        self.laterality = laterality
        self.description = try description.map { try DicomValue.lo($0, field: "description") }
        self.studyInstanceUID = try studyInstanceUID.map { try DicomValue.ui($0, field: "study UID") }
        self.accessionNumber = try accessionNumber.map { try DicomValue.sh($0, field: "accession number") }
        self.seriesInstanceUID = try seriesInstanceUID.map { try DicomValue.ui($0, field: "series UID") }
        self.sopInstanceUID = try sopInstanceUID.map { try DicomValue.ui($0, field: "SOP instance UID") }
    }
}
