import DICOM
import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// Searches the DICOM index (C-FIND, C-MOVE, C-GET, QIDO-RS): the entities at `level`
    /// matching `keys`, each with its instances. Erased assets are never found.
    func searchDicom(level: DicomQuery.Level, keys: [DicomAttribute], limit: Int = DicomIndexQuery.maxRows) async throws
        -> [DicomIndexQuery.Match]
    {
        let query = DicomIndexQuery(level: level, keys: keys)
        let rows = try await database.reader.read { db in
            try DicomInstanceStore.search(db, query.filter, limit: min(limit, DicomIndexQuery.maxRows) + 1)
        }
        guard rows.count <= DicomIndexQuery.maxRows else {
            throw PGError(.payloadTooLarge, "the query matches more than \(DicomIndexQuery.maxRows) instances; narrow it")
        }
        return query.matches(rows, retrieveAETitle: config.dicomAETitle)
    }

    /// C-FIND (PS3.4 C.4.1): the matching entities' attributes; the shim answers with the
    /// requested keys only.
    func dicomFind(_ query: DicomQuery, by who: Principal) async throws -> [[DicomAttribute]] {
        let matches = try await searchDicom(level: query.level, keys: query.keys)
        try await writer.write { db in
            try self.audit(db, who, "dicom.find", detail: ["level": query.level.rawValue, "matches": String(matches.count)])
        }
        return matches.map { match in match.attributes.map { DicomAttribute($0.key, $0.value) } }
    }

    /// C-MOVE / C-GET (PS3.4 C.4.2, C.4.3): the current objects of the matching entities,
    /// decrypted into scratch files the server deletes when the retrieve has ended.
    func dicomRetrieve(_ query: DicomQuery, by who: Principal) async throws -> [String] {
        let matches = try await searchDicom(level: query.level, keys: query.keys)
        let instances = matches.flatMap(\.instances)
        var paths: [String] = []
        do {
            for instance in instances {
                guard let (asset, blobIDs, key) = try await sealedObject(instance.assetID) else { continue }
                let path = scratchPath("get.dcm")
                try blobs.export(blobIDs.dicom, key: key, to: path)
                paths.append(path)
                try await writer.write { db in
                    try self.audit(db, who, "asset.read-dicom", patient: asset.patientID, asset: asset.id,
                                   detail: ["via": query.service == .move ? "c-move" : "c-get",
                                            "destination": query.moveDestination ?? query.callingAETitle])
                }
            }
        } catch {
            for path in paths { unlink(path) }
            throw error
        }
        return paths
    }
}
