/// Facts about the photo itself that end up in the DICOM header.
public struct CaptureFacts: Sendable, Equatable {
    /// EXIF DateTimeOriginal, if the camera recorded it.
    public var capturedAt: CaptureDateTime?
    /// EXIF Make / Model.
    public var make: String?
    public var model: String?

    public init(capturedAt: CaptureDateTime? = nil, make: String? = nil, model: String? = nil) {
        self.capturedAt = capturedAt
        self.make = make
        self.model = model
    }
}

/// The identity of the instance being written.
public struct InstanceUIDs: Sendable, Equatable {
    public let study, series, sopInstance: String

    public init(study: String, series: String, sopInstance: String) {
        self.study = study
        self.series = series
        self.sopInstance = sopInstance
    }
}

/// Builds the non-pixel attributes of a VL Photographic Image (PS3.3 A.32.4) from the
/// patient and photo context. Pixel-related modules (Image Pixel, VL Image pixel
/// attributes, ICC Profile) are written by the DICOM writer from the pixel data itself.
public struct VLPhotographicHeader: Sendable, Equatable {
    public let attributes: [DicomAttribute]
    /// Anatomic Region Sequence (0008,2218) item, when a body site is known.
    public let anatomicRegion: CodedEntry?

    /// - Parameters:
    ///   - derivation: `nil` for an original image; otherwise the Derivation Description
    ///     (0008,2111) saying what was done to the pixels, and Image Type becomes DERIVED.
    ///   - wrappedAt: when the wrap happened; used for Study Date/Time when the capture time
    ///     is unknown (dciodvfy expects values there).
    public init(patient: PatientContext, photo: PhotoContext, capture: CaptureFacts, uids: InstanceUIDs,
                derivation: String?, wrappedAt: CaptureDateTime) throws {
        var a: [DicomAttribute] = []
        func put(_ tag: UInt32, _ value: String) { a.append(DicomAttribute(tag, value)) }

        // Patient module (PS3.3 C.7.1.1)
        put(DicomTag.patientName, patient.patientName)
        put(DicomTag.patientID, patient.patientID)
        if let issuer = patient.issuer { put(DicomTag.issuerOfPatientID, issuer) }
        put(DicomTag.patientBirthDate, patient.birthDate ?? "")
        put(DicomTag.patientSex, patient.sex ?? "")

        // General Study (C.7.2.1): the study happened when the photo was taken.
        let studyTime = capture.capturedAt ?? wrappedAt
        put(DicomTag.studyInstanceUID, uids.study)
        put(DicomTag.studyDate, studyTime.dicomDate)
        put(DicomTag.studyTime, studyTime.dicomTime)
        put(DicomTag.referringPhysicianName, "")
        put(DicomTag.studyID, photo.accessionNumber ?? "1")
        put(DicomTag.accessionNumber, photo.accessionNumber ?? "")

        // General Series (C.7.3.1): modality XC = external-camera photography.
        put(DicomTag.modality, "XC")
        put(DicomTag.seriesInstanceUID, uids.series)
        put(DicomTag.seriesNumber, "1")
        if let description = photo.description { put(DicomTag.seriesDescription, description) }

        // Body part and laterality. Paired parts need a laterality (C.7.3.1 Laterality is
        // 2C, Image Laterality C.7.6.1 is 1 in the VL Image context); `U` when not given.
        if let site = photo.bodySite {
            put(DicomTag.bodyPartExamined, site.bodyPartExamined)
            if site.paired {
                put(DicomTag.imageLaterality, (photo.laterality ?? .unknown).rawValue)
            } else if let laterality = photo.laterality {
                put(DicomTag.imageLaterality, laterality.rawValue)
            }
        } else {
            put(DicomTag.imageLaterality, (photo.laterality ?? .unknown).rawValue)
        }

        // General Equipment (C.7.5.1)
        put(DicomTag.manufacturer, capture.make.map(Self.clip) ?? "")
        if let model = capture.model { put(DicomTag.manufacturerModelName, Self.clip(model)) }

        // General Image (C.7.6.1) and SOP Common (C.12.1)
        put(DicomTag.instanceNumber, "1")
        put(DicomTag.patientOrientation, "")
        put(DicomTag.imageType, derivation == nil ? "ORIGINAL\\PRIMARY" : "DERIVED\\PRIMARY")
        if let derivation { put(DicomTag.derivationDescription, String(derivation.prefix(1024))) }
        // Content Date/Time are 1C: present only when known, never empty.
        if let captured = capture.capturedAt {
            put(DicomTag.contentDate, captured.dicomDate)
            put(DicomTag.contentTime, captured.dicomTime)
            put(DicomTag.acquisitionDateTime, captured.dicomDateTime)
        }
        put(DicomTag.sopInstanceUID, uids.sopInstance)

        // ISO_IR 192 (UTF-8) only when a value needs it (PS3.3 C.12.1.1.2).
        if a.contains(where: { !$0.value.utf8.allSatisfy { $0 < 0x80 } }) {
            a.insert(DicomAttribute(DicomTag.specificCharacterSet, "ISO_IR 192"), at: 0)
        }
        attributes = a
        anatomicRegion = photo.bodySite.map { CodedEntry(value: $0.snomedCode, scheme: "SCT", meaning: $0.meaning) }
    }

    /// Camera strings are free text: keep them within LO's 64 characters and without `\`.
    static func clip(_ s: String) -> String {
        String(s.filter { $0 != "\\" && !($0.asciiValue.map { $0 < 0x20 } ?? false) }.prefix(64))
            .trimmingSpaces()
    }
}
