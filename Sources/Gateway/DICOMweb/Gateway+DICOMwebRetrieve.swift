import DICOM
import DICOMweb
import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// The instances of a study, series or instance (current versions, not erased), each
    /// read audited as `action` in one transaction **before** any byte is sent; 404 when
    /// there are none (PS3.18 10.4.3).
    func dicomwebObjects(_ scope: DICOMwebScope, action: String, via: String, by who: Principal) async throws
        -> [DICOMwebObject]
    {
        let instances = try await searchDicom(level: .image, keys: scope.keys).flatMap(\.instances)
        let objects = try await writer.write { db -> [DICOMwebObject] in
            var out: [DICOMwebObject] = []
            for instance in instances {
                guard let (asset, blobIDs) = try AssetRepository.find(db, id: instance.assetID), Self.mayView(asset, who),
                      asset.state != .erased,
                      let key = try self.keys.existingKey(db, patientID: blobIDs.keyOwner ?? asset.patientID)
                else { continue }
                try self.audit(db, who, action, patient: asset.patientID, asset: asset.id, detail: ["via": via])
                out.append(DICOMwebObject(instance: instance, patientID: asset.patientID, blobs: blobIDs, key: key))
            }
            return out
        }
        guard !objects.isEmpty else { throw PGError(.notFound, "no \(scope.description) is stored here") }
        return objects
    }

    /// Decrypts an object's current DICOM file into a scratch file the caller removes.
    func exportDicom(_ object: DICOMwebObject) throws -> String {
        let path = scratchPath("wado.dcm")
        try blobs.export(object.blobs.dicom, key: object.key, to: path)
        return path
    }

    /// WADO-RS metadata of one object (PS3.18 10.4.1.2): every attribute in the DICOM JSON
    /// model; Pixel Data and binary values over 1 KiB as BulkDataURIs under `instanceURL`.
    func dicomwebMetadata(_ object: DICOMwebObject, instanceURL: String) async throws -> DICOMJSONDataSet {
        let path = try exportDicom(object)
        defer { unlink(path) }
        let elements = try await Self.blocking { try DicomDataSetReader.read(path: path, inlineMax: 1024) }
        return DICOMwebJSON.dataSet(elements, bulkDataBase: instanceURL + "/bulkdata")
    }

    /// WADO-RS bulk data (PS3.18 10.4.1.3): the value of a top-level attribute; for Pixel Data
    /// in a JPEG transfer syntax the JPEG as stored (one fragment, photos are single-frame).
    func dicomwebBulkData(_ object: DICOMwebObject, tag: UInt32) async throws -> [UInt8] {
        let path = try exportDicom(object)
        defer { unlink(path) }
        return try await Self.blocking {
            if tag == 0x7FE0_0010 {
                let file = try DicomFile(path: path)
                if let fragments = file.fragments {
                    var bytes: [UInt8] = []
                    for i in 0..<fragments.count { bytes += try file.fragment(i) }
                    return bytes
                }
            }
            return try DicomDataSetReader.value(path: path, tag: tag)
        }
    }

    /// WADO-RS rendered (PS3.18 10.4.1.1.3): the photo as JPEG — the stored JPEG itself
    /// (already clean of EXIF/GPS) or, for native pixels, encoded at `quality`.
    func dicomwebRendered(_ object: DICOMwebObject, quality: Int) async throws -> [UInt8] {
        let path = try exportDicom(object)
        defer { unlink(path) }
        return try await Self.blocking { try Self.cleanJPEG(path, quality: quality) }
    }
}
