import PhotoGateCore
import Testing

struct DicomValueTests {
    @Test func validatesPatientContext() throws {
        #expect(throws: PGError.self) { try PatientContext(patientID: "", patientName: "Doe^Jane") }
        #expect(throws: PGError.self) { try PatientContext(patientID: "1", patientName: "Doe^Jane", birthDate: "19800230") }
        #expect(throws: PGError.self) { try PatientContext(patientID: "1", patientName: "Doe^Jane", sex: "X") }
        #expect(throws: PGError.self) { try PatientContext(patientID: "a\\b", patientName: "Doe^Jane") }
        #expect(throws: PGError.self) { try PatientContext(patientID: "1", patientName: "A^B^C^D^E^F") }
        #expect(throws: PGError.self) { try PatientContext(patientID: String(repeating: "9", count: 65), patientName: "X") }
        let ok = try PatientContext(patientID: " 12345 ", issuer: "HOSP", patientName: "Doe^Jane", birthDate: "20000229", sex: "F")
        #expect(ok.patientID == "12345")
    }

    @Test func parsesExifDateTimes() {
        let t = CaptureDateTime(exif: "2024:05:17 14:03:22", subSeconds: "123456789", offset: "-05:30")
        #expect(t?.dicomDateTime == "20240517140322.123456-0530")
        #expect(CaptureDateTime(exif: "0000:00:00 00:00:00") == nil)
        #expect(CaptureDateTime(exif: "    :  :     :  :  ") == nil)
        #expect(CaptureDateTime(exif: "2024:02:30 10:00:00") == nil)
        #expect(CaptureDateTime(exif: "2024:05:17 14:03:22", offset: "garbage")?.utcOffset == nil)
    }

    @Test func bodySitesResolveByCodeOrTerm() throws {
        let catalog = BodySiteCatalog.sample
        #expect(try catalog.resolve(bodyPart: "hand", snomedCode: nil)?.snomedCode == "85562004")
        #expect(try catalog.resolve(bodyPart: nil, snomedCode: "85562004")?.bodyPartExamined == "HAND")
        #expect(throws: PGError.self) { try catalog.resolve(bodyPart: "ELBOWS", snomedCode: nil) }
        #expect(throws: PGError.self) { try catalog.resolve(bodyPart: "FACE", snomedCode: "85562004") }
        #expect(try catalog.resolve(bodyPart: nil, snomedCode: nil) == nil)
    }

    @Test func everyErrorCodeIsUniqueAndMapped() {
        let ids = PGErrorCode.allCases.map(\.id)
        #expect(Set(ids).count == ids.count)
        for code in PGErrorCode.allCases {
            #expect(code.id.hasPrefix("PG-"))
            #expect((400...599).contains(code.httpStatus))
            #expect(["AE", "AR"].contains(code.hl7AckCode))
            #expect(code.dicomStatus >= 0xA000)
        }
    }
}
