import DICOM
import DICOMweb
import Foundation
import PhotoGateCore
import Storage

extension Gateway {
    /// STOW-RS: stores each instance of the request and reports each one (PS3.18 10.5.3).
    /// `application/dicom` parts go the C-STORE way (``readReceivedDicom(_:)``,
    /// ``storeReceivedDicom(_:source:by:)``: patient by Patient ID + issuer through the
    /// mappings, JPEG cleaned, original kept); metadata data sets become VL Photographic
    /// Images from the JPEG part they reference. A failure of one instance does not stop the
    /// others.
    func dicomwebStore(_ parts: [StowPart], root: MediaType?, study: String?, base: String, by who: Principal)
        async throws -> StoreResponse
    {
        var response = StoreResponse()
        var referenced = Set<Int>()
        var studies = Set<String>()
        let byLocation = Dictionary(parts.enumerated().compactMap { i, p in p.contentLocation.map { ($0, i) } },
                                    uniquingKeysWith: { first, _ in first })
        for (index, part) in parts.enumerated() {
            guard let type = part.mediaType(default: root) else {
                referenced.insert(index)
                response.failed.append(.init(sopClassUID: nil, sopInstanceUID: nil, reason: 0xC000))
                continue
            }
            switch type.essence {
            case MediaType.dicom.essence:
                referenced.insert(index)
                let outcome = await storeDicomPart(part, study: study, base: base, by: who)
                switch outcome {
                case .stored(let stored, let inStudy):
                    response.stored.append(stored)
                    studies.insert(inStudy)
                case .failed(let failed): response.failed.append(failed)
                }
            case MediaType.dicomJSON.essence, MediaType.json.essence:
                referenced.insert(index)
                let dataSets: [DICOMJSONDataSet]
                do {
                    guard part.size <= config.maxJSONBytes else {
                        throw PGError(.payloadTooLarge, "a metadata part is larger than \(config.maxJSONBytes) bytes (maxJSONBytes)")
                    }
                    dataSets = try DICOMJSONDecoder.decode(try part.bytes())
                } catch {
                    logger.notice("STOW-RS metadata part refused", metadata: ["pg.error": "\(Self.safeDescription(error))"])
                    response.failed.append(.init(sopClassUID: nil, sopInstanceUID: nil, reason: 0xC000))
                    continue
                }
                for ds in dataSets {
                    let outcome = await storePhotoDataSet(ds, parts: parts, byLocation: byLocation, study: study, base: base,
                                                          referenced: &referenced, by: who)
                    switch outcome {
                    case .stored(let stored, let inStudy):
                        response.stored.append(stored)
                        studies.insert(inStudy)
                    case .failed(let failed): response.failed.append(failed)
                    }
                }
            default:
                continue  // bulk data parts: used when a metadata part references them
            }
        }
        for (index, part) in parts.enumerated() where !referenced.contains(index) {
            let type = part.mediaType(default: root)?.essence ?? "no type"
            if ![MediaType.jpeg.essence, MediaType.png.essence, MediaType.octetStream.essence].contains(type) {
                response.failed.append(.init(sopClassUID: nil, sopInstanceUID: nil, reason: 0xC000))  // not understood
            }
        }
        if studies.count == 1, let only = studies.first { response.studyRetrieveURL = DICOMwebScope.url(base, study: only) }
        if response.stored.isEmpty && response.failed.isEmpty {
            response.failed.append(.init(sopClassUID: nil, sopInstanceUID: nil, reason: 0xC000))  // no instance at all
        }
        return response
    }

    /// What became of one instance.
    private enum Outcome {
        case stored(StoreResponse.Stored, study: String)
        case failed(StoreResponse.Failed)
    }

    /// One `application/dicom` part.
    private func storeDicomPart(_ part: StowPart, study: String?, base: String, by who: Principal) async -> Outcome {
        var sopClass: String?, sopInstance: String?
        do {
            let received = try await Self.blocking { [self] in try readReceivedDicom(part.path) }
            defer { if received.cleanPath != received.originalPath { unlink(received.cleanPath) } }
            sopClass = received.sopClassUID
            sopInstance = received.sopInstanceUID
            if let study, received.studyInstanceUID != study {
                throw StowFailure(reason: 0xA900, "the instance's StudyInstanceUID is not the study of the request path")
            }
            let (asset, _) = try await storeReceivedDicom(received, source: "stow", by: who)
            return .stored(StoreResponse.Stored(
                sopClassUID: received.sopClassUID, sopInstanceUID: received.sopInstanceUID,
                retrieveURL: DICOMwebScope.url(base, study: asset.studyInstanceUID, series: asset.seriesInstanceUID,
                                               instance: asset.sopInstanceUID)), study: asset.studyInstanceUID)
        } catch {
            if sopInstance == nil, let uids = try? await Self.blocking({ () -> (String?, String?) in
                let file = try DicomFile(path: part.path)
                return (file.string(DicomIndexTags.sopClassUID), file.string(DicomTag.sopInstanceUID))
            }) {
                (sopClass, sopInstance) = uids
            }
            return .failed(failed(error, sopClass: sopClass, sopInstance: sopInstance))
        }
    }

    /// One metadata data set and its JPEG: a new VL Photographic Image, as `POST /api/assets`
    /// makes one (wrapped, EXIF/GPS removed, original kept), with the sender's patient, study
    /// and UIDs. An instance already stored under the same SOP Instance UID is not stored twice.
    private func storePhotoDataSet(_ ds: DICOMJSONDataSet, parts: [StowPart], byLocation: [String: Int], study: String?,
                                   base: String, referenced: inout Set<Int>, by who: Principal) async -> Outcome {
        let sopClass = StowPhotoMetadata.vlPhotographic
        let requestedUID = ds.string(DicomTag.sopInstanceUID)
        do {
            let meta = try StowPhotoMetadata(ds, pathStudy: study)
            let photo: [UInt8]
            if let uri = meta.bulkDataURI {
                guard let index = byLocation[uri] else {
                    throw StowFailure(reason: 0xA900, "no part has Content-Location \(uri.prefix(200)) (the metadata's BulkDataURI)")
                }
                referenced.insert(index)
                let type = parts[index].mediaType(default: nil)?.essence ?? ""
                guard [MediaType.jpeg.essence, MediaType.png.essence].contains(type) else {
                    throw StowFailure(reason: 0xC122, "the photo part is \(type.isEmpty ? "untyped" : type); send image/jpeg or image/png")
                }
                photo = try parts[index].bytes()
            } else {
                photo = meta.inlinePixels ?? []
            }
            if let uid = meta.sopInstanceUID, let known = try await existingAsset(sopInstanceUID: uid) {
                return .stored(StoreResponse.Stored(sopClassUID: sopClass, sopInstanceUID: uid, retrieveURL: DICOMwebScope.url(
                    base, study: known.studyInstanceUID, series: known.seriesInstanceUID, instance: uid)),
                    study: known.studyInstanceUID)
            }
            let identifier = dicomIdentifier(patientID: meta.patientID, issuer: meta.issuer)
            let attributes = meta.patientAttributes
            let (patient, key) = try await ensurePatient(identifier, by: who, via: "stow", newPatient: { id in
                Self.patient(id: id, identifier: identifier, from: attributes, at: self.clock())
            }, onCreate: { db, created in
                try DicomInstanceStore.flagPatient(db, created.id, flag: DicomInstanceStore.unverified,
                                                   detail: "created from DICOMweb STOW-RS metadata", at: self.clock())
            })
            let request = UploadRequest(patient: identifier, stream: config.dicom.stream, bodySite: meta.bodySite,
                                        laterality: meta.laterality, description: meta.description,
                                        studyInstanceUID: meta.studyInstanceUID, seriesInstanceUID: meta.seriesInstanceUID,
                                        sopInstanceUID: meta.sopInstanceUID, accessionNumber: meta.accessionNumber)
            let prepared = try await Self.blocking { [self] in
                try prepareAsset(photo, request, subject: AssetSubject(patient), key: key, keyIsNew: false, source: "stow")
            }
            let asset: Asset
            do {
                asset = try await writer.write { db in try self.recordAsset(db, prepared, patientID: patient.id, by: who) }
            } catch {
                discard(prepared)
                throw error
            }
            metrics.upload(bytes: photo.count)
            return .stored(StoreResponse.Stored(
                sopClassUID: sopClass, sopInstanceUID: asset.sopInstanceUID,
                retrieveURL: DICOMwebScope.url(base, study: asset.studyInstanceUID, series: asset.seriesInstanceUID,
                                               instance: asset.sopInstanceUID)), study: asset.studyInstanceUID)
        } catch {
            return .failed(failed(error, sopClass: sopClass, sopInstance: requestedUID))
        }
    }

    /// A failed instance with its Failure Reason: the registry's DICOM status for gateway
    /// errors (as a C-STORE answers), A700 for anything unexpected. Logged without PHI.
    private func failed(_ error: any Error, sopClass: String?, sopInstance: String?) -> StoreResponse.Failed {
        let reason: UInt16
        switch error {
        case let e as StowFailure: reason = e.reason
        case let e as PGError: reason = e.code.dicomStatus
        default: reason = 0xA700
        }
        logger.notice("STOW-RS instance refused", metadata: [
            "pg.dicomweb.reason": "\(String(reason, radix: 16, uppercase: true))",
            "pg.error": "\(Self.safeDescription(error))"])
        return .init(sopClassUID: sopClass, sopInstanceUID: sopInstance, reason: reason)
    }

    /// An error for the log: the registry code or the failure reason, never values.
    static func safeDescription(_ error: any Error) -> String {
        switch error {
        case let e as PGError: e.code.rawValue
        case let e as StowFailure: "failure \(String(e.reason, radix: 16, uppercase: true))"
        case is DICOMJSONDecoder.DecodingError: "invalid DICOM JSON"
        default: String(describing: type(of: error))
        }
    }
}
