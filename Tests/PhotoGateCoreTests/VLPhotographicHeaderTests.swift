import PhotoGateCore
import Testing

struct VLPhotographicHeaderTests {
    static let uids = InstanceUIDs(study: "1.2.3", series: "1.2.4", sopInstance: "1.2.5")
    static let wrapped = CaptureDateTime(exif: "2026:11:22 10:00:00")!

    func header(name: String = "Doe^Jane", site: BodySite? = nil, laterality: Laterality? = nil,
                capture: CaptureFacts = CaptureFacts(), derivation: String? = nil) throws -> VLPhotographicHeader {
        try VLPhotographicHeader(patient: PatientContext(patientID: "12345", issuer: "HOSP", patientName: name),
                                 photo: PhotoContext(bodySite: site, laterality: laterality), capture: capture,
                                 uids: Self.uids, derivation: derivation, wrappedAt: Self.wrapped)
    }

    func value(_ h: VLPhotographicHeader, _ tag: UInt32) -> String? {
        h.attributes.first { $0.tag == tag }?.value
    }

    @Test func declaresUTF8OnlyWhenNeeded() throws {
        #expect(value(try header(), DicomTag.specificCharacterSet) == nil)
        #expect(value(try header(name: "Müller^Jürgen"), DicomTag.specificCharacterSet) == "ISO_IR 192")
    }

    @Test func pairedBodyPartsGetALaterality() throws {
        let hand = BodySiteCatalog.sample.site(bodyPart: "HAND")!
        #expect(value(try header(site: hand), DicomTag.imageLaterality) == "U")
        #expect(value(try header(site: hand, laterality: .left), DicomTag.imageLaterality) == "L")
        let face = BodySiteCatalog.sample.site(bodyPart: "FACE")!
        #expect(value(try header(site: face), DicomTag.imageLaterality) == nil)
        #expect(try header(site: face).anatomicRegion == CodedEntry(value: "89545001", scheme: "SCT", meaning: "Face"))
    }

    @Test func captureTimeFillsContentAndStudyDates() throws {
        let shot = CaptureDateTime(exif: "2024:05:17 14:03:22", subSeconds: "25", offset: "+02:00")
        let h = try header(capture: CaptureFacts(capturedAt: shot, make: "Cam\\Era", model: "X"))
        #expect(value(h, DicomTag.contentDate) == "20240517")
        #expect(value(h, DicomTag.contentTime) == "140322.25")
        #expect(value(h, DicomTag.acquisitionDateTime) == "20240517140322.25+0200")
        #expect(value(h, DicomTag.studyDate) == "20240517")
        #expect(value(h, DicomTag.manufacturer) == "CamEra")
    }

    @Test func unknownCaptureTimeLeavesContentDateAbsentNotEmpty() throws {
        let h = try header()
        #expect(value(h, DicomTag.contentDate) == nil)
        #expect(value(h, DicomTag.contentTime) == nil)
        #expect(value(h, DicomTag.studyDate) == "20261122")
    }

    @Test func derivedImagesSayWhatWasDone() throws {
        let h = try header(derivation: "re-encoded")
        #expect(value(h, DicomTag.imageType) == "DERIVED\\PRIMARY")
        #expect(value(h, DicomTag.derivationDescription) == "re-encoded")
        #expect(value(try header(), DicomTag.imageType) == "ORIGINAL\\PRIMARY")
    }
}
