import Crypto
import Foundation
import GRDB
import PhotoFormats
import PhotoGateCore
import PhotoIngest
import Storage

/// The two halves of storing a photo, shared by `POST /api/assets` and FHIR Media creates
/// (alone, in a transaction Bundle): ``prepareAsset(_:_:subject:key:keyIsNew:)`` does the slow
/// work outside any transaction (wrap to DICOM, seal, fsync), ``recordAsset(_:_:patientID:by:)``
/// makes the blobs an asset inside the caller's transaction (row, audit, `asset.created`);
/// the caller counts the upload in the metrics once it committed.
extension Gateway {
    /// Wraps the photo to DICOM in the private scratch directory (never plaintext in the
    /// data directory) and seals original and DICOM object with `key`.
    func prepareAsset(_ bytes: [UInt8], _ request: UploadRequest, subject: AssetSubject, key: SymmetricKey,
                      keyIsNew: Bool, source: String = "upload") throws -> PreparedAsset {
        guard !bytes.isEmpty else { throw PGError(.unsupportedFormat, "the photo is empty (a JPEG or PNG is expected)") }
        let input = scratchPath("upload")
        let dicomPath = scratchPath("dcm")
        defer {
            unlink(input)
            unlink(dicomPath)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        let site = try bodySite(request.bodySite)
        let contentType = ImageFormat.sniff(Array(bytes.prefix(16))) == .png ? "image/png" : "image/jpeg"
        let wrapper = PhotoWrapper(uids: uids, durable: false, clock: clock)
        // Patient ID from the identifier dicom.yaml names (the MRN by default), else the request's.
        let idForDicom = subject.identifiers.first { $0.system == mappings.dicom.patientIDSystem } ?? request.patient
        let name = Self.dicomName(family: subject.family, given: subject.given)
        // The Patient module as the patient sync writes it (dicomPatientAttributes), from the start.
        let context = try PatientContext(patientID: idForDicom.value, issuer: issuer(idForDicom.system), patientName: name,
                                         birthDate: Self.dicomDate(subject.birthDate), sex: Self.dicomSex(subject.gender))
        let photo = try PhotoContext(bodySite: site, laterality: request.laterality, description: request.description,
                                     studyInstanceUID: request.studyInstanceUID, accessionNumber: request.accessionNumber,
                                     seriesInstanceUID: request.seriesInstanceUID, sopInstanceUID: request.sopInstanceUID)
        let wrapped = try wrapper.wrap(inputPath: input, patient: context, photo: photo, outputPath: dicomPath)
        let indexed = try Self.indexEntry(dicomPath)
        let original = try blobs.put(bytes, key: key)
        let dicom: String
        do { dicom = try blobs.put(file: dicomPath, key: key) } catch {
            blobs.delete(original)
            throw error
        }
        return PreparedAsset(id: newID(), request: request, bodySite: site?.snomedCode,
                             blobs: AssetBlobs(original: original, dicom: dicom), key: key, keyIsNew: keyIsNew,
                             studyInstanceUID: wrapped.uids.study, seriesInstanceUID: wrapped.uids.series,
                             sopInstanceUID: wrapped.uids.sopInstance, contentType: contentType, byteCount: bytes.count,
                             dicom: indexed, source: source)
    }

    /// Records a prepared photo as an asset of `patientID` inside the caller's transaction.
    func recordAsset(_ db: Database, _ p: PreparedAsset, patientID: String, by who: Principal) throws -> Asset {
        let now = clock()
        if p.keyIsNew { try keys.adopt(db, patientID: patientID, key: p.key, at: now) }
        let asset = Asset(id: p.id, patientID: patientID, stream: p.request.stream, bodySite: p.bodySite,
                          laterality: p.request.laterality?.rawValue, description: p.request.description,
                          capturedAt: p.request.capturedAt, createdAt: now, studyInstanceUID: p.studyInstanceUID,
                          seriesInstanceUID: p.seriesInstanceUID, sopInstanceUID: p.sopInstanceUID,
                          contentType: p.contentType)
        try AssetRepository.insert(db, asset, blobs: p.blobs)
        try recordDicomObject(db, asset, attributes: p.dicom.attributes, transferSyntax: p.dicom.transferSyntax,
                              sopClass: p.dicom.sopClass, size: p.dicom.size, source: p.source)
        try audit(db, who, "asset.create", patient: patientID, asset: asset.id,
                  detail: ["stream": asset.stream.rawValue, "bytes": String(p.byteCount)])
        try raise(db, .assetCreated, patient: patientID, asset: asset.id, ["stream": .string(asset.stream.rawValue)])
        return asset
    }

    /// Removes the blobs of a photo whose transaction did not commit.
    func discard(_ p: PreparedAsset) {
        blobs.delete(p.blobs.original)
        blobs.delete(p.blobs.dicom)
    }
}
