import DICOM
import Foundation
import Gateway
import PhotoGateCore
import Storage
import TestSupport
import Testing

/// A patient change from any side reaches the stored DICOM objects: new version, old one kept.
struct DicomPatientSyncTests {
    static let mrn = "https://hospital.example/fhir/sid/mrn|12345"

    func currentObject(_ t: TestGateway, _ assetID: String) async throws -> (version: Int, name: String, path: String) {
        let instance = try #require(try await t.gateway.database.reader.read { try DicomInstanceStore.find($0, assetID: assetID) })
        let path = try Fixtures.scratchDirectory() + "/current.dcm"
        let bytes = try await t.gateway.assetBytes(assetID, dicom: true, by: Principal(tokenID: "t", name: "test", role: .admin)).bytes
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (instance.version, try DicomFile(path: path).string(DicomTag.patientName) ?? "", path)
    }

    @Test func anHL7A08NameCorrectionRewritesTheObjectAndKeepsTheOldVersion() async throws {
        let t = try TestGateway()
        let assetID = try await t.uploadedAssetID(patient: Self.mrn)
        _ = try await t.gateway.syncDicomPatients()
        let before = try await currentObject(t, assetID)
        #expect(before.version == 1)

        // When the EHR sends a corrected name
        let answers = await t.gateway.receiveHL7(adt("A08", control: "N1", pid: "PID|1||12345^^^HOSPITAL^MR||Smith^Anna||19800102|F"),
                                                 peer: "127.0.0.1")
        #expect(try ackOf(answers).value(at: "MSA-1") == "AA")
        #expect(try await t.gateway.syncDicomPatients() == 1)

        // Then the object carries it as version 2, the SOP instance unchanged, version 1 kept
        let after = try await currentObject(t, assetID)
        #expect(after.version == 2)
        #expect(after.name == "Smith^Anna")
        #expect(try DicomFile(path: after.path).string(DicomTag.sopInstanceUID)
                    == DicomFile(path: before.path).string(DicomTag.sopInstanceUID))
        let kept = try await t.gateway.database.reader.read { try DicomInstanceStore.versions($0, assetID: assetID) }
        #expect(kept.map(\.version) == [1])
        #expect(try await t.gateway.syncDicomPatients() == 0)  // nothing left to do

        // And a change that does not touch the Patient module rewrites nothing
        _ = await t.gateway.receiveHL7(adt("A08", control: "N2", pid: "PID|1||12345^^^HOSPITAL^MR||Smith^Anna||19800102|F"),
                                       peer: "127.0.0.1")
        _ = try await t.gateway.syncDicomPatients()
        #expect(try await currentObject(t, assetID).version == 2)
    }

    /// PS3.3 C.7.1.1: a photo of a patient the EHR registered carries the record's birth date
    /// and sex in its first version, as the sync would write them (not empty until a change).
    @Test func aPhotoOfAKnownPatientCarriesBirthDateAndSexFromTheStart() async throws {
        let t = try TestGateway()
        let answers = await t.gateway.receiveHL7(adt("A04", control: "R1", pid: "PID|1||12345^^^HOSPITAL^MR||Smith^Anna||19800102|F"),
                                                 peer: "127.0.0.1")
        #expect(try ackOf(answers).value(at: "MSA-1") == "AA")
        let assetID = try await t.uploadedAssetID(patient: Self.mrn)
        let first = try await currentObject(t, assetID)
        #expect(first.version == 1)
        #expect(first.name == "Smith^Anna")
        let file = try DicomFile(path: first.path)
        #expect(try file.string(DicomTag.patientBirthDate) == "19800102")
        #expect(try file.string(DicomTag.patientSex) == "F")
        #expect(try await t.gateway.syncDicomPatients() == 0)  // already what the record says
    }
}
