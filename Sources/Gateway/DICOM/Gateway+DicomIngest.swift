import DICOM
import Foundation
import GRDB
import Mappings
import PhotoGateCore
import Storage

extension Gateway {
    /// Storage SOP classes the gateway keeps: the photo classes and the configured others.
    var acceptedSOPClasses: Set<String> {
        Set(DicomServerConfiguration.photoStorageSOPClasses + config.dicom.additionalSOPClasses)
    }

    /// Reads and cleans a received object (blocking file work; see ``ReceivedDicomObject``).
    /// The cleaned copy, if one is made, is a scratch file the caller removes.
    func readReceivedDicom(_ path: String) throws -> ReceivedDicomObject {
        try ReceivedDicomObject.read(path, cleanPath: scratchPath("clean.dcm"), acceptedSOPClasses: acceptedSOPClasses,
                                     maxBytes: config.dicom.maxObjectBytes)
    }

    /// Makes a received object an asset: linked to its patient through Patient ID and Issuer
    /// of Patient ID (an unknown patient is created from the object's demographics and flagged
    /// `unverified`), stream `dicom.stream`, original and cleaned object sealed with the
    /// patient's key, indexed for C-FIND/QIDO and queued for forwarding — all durable before
    /// this returns. An instance already stored (same SOP Instance UID) is not stored twice.
    func storeReceivedDicom(_ object: ReceivedDicomObject, source: String, by who: Principal) async throws
        -> (asset: Asset, created: Bool)
    {
        if let known = try await existingAsset(sopInstanceUID: object.sopInstanceUID) { return (known, false) }
        let identifier = dicomIdentifier(patientID: object.patientID, issuer: object.issuerOfPatientID)
        let (patient, key) = try await ensurePatient(identifier, by: who, via: source, newPatient: { id in
            Self.patient(id: id, identifier: identifier, from: object.attributes, at: self.clock())
        }, onCreate: { db, created in
            try DicomInstanceStore.flagPatient(db, created.id, flag: DicomInstanceStore.unverified,
                                               detail: "created from a DICOM object received via \(source)", at: self.clock())
        })
        // An object that needed no cleaning is stored once and serves as both (one blob,
        // one fsync less per C-STORE); a cleaned one keeps the received bytes beside it.
        let original = try blobs.put(file: object.originalPath, key: key)
        let blobIDs = AssetBlobs(original: original, dicom: object.cleanPath == object.originalPath
                                     ? original : try blobs.put(file: object.cleanPath, key: key))
        let now = clock()
        let a = object.attributes
        let asset = Asset(id: newID(), patientID: patient.id, stream: config.dicom.stream,
                          bodySite: (try? bodySite(a[DicomTag.bodyPartExamined]))??.snomedCode,
                          laterality: [a[DicomTag.imageLaterality], a[DicomTag.laterality]].compactMap { $0 }
                              .first { ["L", "R", "B"].contains($0) },
                          description: a[DicomTag.seriesDescription] ?? a[DicomTag.studyDescription],
                          createdAt: now, studyInstanceUID: object.studyInstanceUID,
                          seriesInstanceUID: object.seriesInstanceUID, sopInstanceUID: object.sopInstanceUID,
                          contentType: "application/dicom")
        do {
            let stored = try await writer.write { db -> Asset? in
                if let earlier = try DicomInstanceStore.find(db, sopInstanceUID: object.sopInstanceUID) {
                    return try AssetRepository.find(db, id: earlier.assetID)?.asset  // a concurrent copy won
                }
                try AssetRepository.insert(db, asset, blobs: blobIDs)
                try self.recordDicomObject(db, asset, attributes: a, transferSyntax: object.transferSyntaxUID,
                                           sopClass: object.sopClassUID, size: object.size, source: source)
                try self.audit(db, who, "asset.create", patient: patient.id, asset: asset.id,
                               detail: ["via": source, "stream": asset.stream.rawValue,
                                        "removed": object.removed.joined(separator: ",")])
                try self.raise(db, .assetCreated, patient: patient.id, asset: asset.id,
                               ["stream": .string(asset.stream.rawValue), "via": .string(source)])
                return nil
            }
            if let stored {
                blobs.delete(blobIDs.original)
                blobs.delete(blobIDs.dicom)
                return (stored, false)
            }
        } catch {
            blobs.delete(blobIDs.original)
            blobs.delete(blobIDs.dicom)
            throw error
        }
        metrics.upload(bytes: Int(object.size))
        return (asset, true)
    }

    /// Indexes a new asset's DICOM object (version 1) and queues it for every forwarding
    /// rule that takes its stream — in the caller's transaction, so an asset is never stored
    /// without being findable and forwardable.
    func recordDicomObject(_ db: Database, _ asset: Asset, attributes: [UInt32: String], transferSyntax: String,
                           sopClass: String, size: Int64, source: String) throws {
        try DicomInstanceStore.save(db, DicomInstance(
            assetID: asset.id, version: 1, sopClassUID: sopClass, sopInstanceUID: asset.sopInstanceUID,
            transferSyntaxUID: transferSyntax, studyInstanceUID: asset.studyInstanceUID,
            seriesInstanceUID: asset.seriesInstanceUID, patientID: attributes[DicomTag.patientID] ?? "",
            attributes: attributes, size: size, source: source, indexedAt: clock()))
        try enqueueForwards(db, asset, version: 1, patientUpdate: false)
    }

    /// The asset already holding this SOP instance, if any.
    func existingAsset(sopInstanceUID: String) async throws -> Asset? {
        try await database.reader.read { db in
            guard let known = try DicomInstanceStore.find(db, sopInstanceUID: sopInstanceUID) else { return nil }
            return try AssetRepository.find(db, id: known.assetID)?.asset
        }
    }

    /// The patient identifier a DICOM Patient ID names: the system whose mapping has this
    /// Issuer of Patient ID, the issuer itself when it is a URI, else a gateway URN; without
    /// an issuer, the system `dicom.yaml` names (the MRN by default).
    func dicomIdentifier(patientID: String, issuer: String?) -> Identifier {
        guard let issuer else { return Identifier(system: mappings.dicom.patientIDSystem, value: patientID) }
        if let system = mappings.identifiers.system(dicomIssuer: issuer) { return Identifier(system: system, value: patientID) }
        if issuer.contains(":"), !issuer.contains(" "), !issuer.contains("|") {
            return Identifier(system: issuer, value: patientID)
        }
        return Identifier(system: "urn:photogate:dicom-issuer:" + issuer, value: patientID)
    }

    /// A new patient from a DICOM object's Patient module (PS3.3 C.7.1.1).
    static func patient(id: String, identifier: Identifier, from a: [UInt32: String], at now: Date) -> Patient {
        let name = (a[DicomTag.patientName] ?? "").split(separator: "=").first.map(String.init) ?? ""
        let parts = name.split(separator: "^", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let family = parts.first.flatMap { $0.isEmpty ? nil : $0 }
        let given = parts.count > 1 && !parts[1].isEmpty ? [parts[1]] : []
        var birthDate: String?
        if let da = a[DicomTag.patientBirthDate], da.count == 8, da.allSatisfy(\.isNumber) {
            birthDate = "\(da.prefix(4))-\(da.dropFirst(4).prefix(2))-\(da.suffix(2))"
        }
        let gender: String? = switch a[DicomTag.patientSex] {
        case "M": "male"
        case "F": "female"
        case "O": "other"
        default: nil
        }
        return Patient(id: id, identifiers: [identifier], family: family, given: given, birthDate: birthDate,
                       gender: gender, updatedAt: now)
    }
}

extension Gateway {
    /// What the index needs of an object the gateway wrote itself.
    static func indexEntry(_ path: String) throws
        -> (attributes: [UInt32: String], transferSyntax: String, sopClass: String, size: Int64)
    {
        let file = try DicomFile(path: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return (DicomIndexTags.attributes(of: file), file.string(DicomIndexTags.transferSyntaxUID) ?? "",
                file.string(DicomIndexTags.sopClassUID) ?? "", size)
    }
}
