import Crypto
import Foundation
import GRDB
import PhotoFormats
import PhotoGateCore
import PhotoIngest
import Storage

/// What an upload says about the photo.
public struct UploadRequest: Sendable {
    public var patient: Identifier
    public var stream: AssetStream
    /// SNOMED CT code or Body Part Examined term.
    public var bodySite: String?
    public var laterality: Laterality?
    public var description: String?
    public var capturedAt: Date?
    /// DICOM identity the sender chose (DICOMweb STOW of a photo with metadata); new UIDs
    /// are made for what is nil.
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String?
    public var sopInstanceUID: String?
    public var accessionNumber: String?

    public init(patient: Identifier, stream: AssetStream, bodySite: String? = nil, laterality: Laterality? = nil,
                description: String? = nil, capturedAt: Date? = nil, studyInstanceUID: String? = nil,
                seriesInstanceUID: String? = nil, sopInstanceUID: String? = nil, accessionNumber: String? = nil) {
        self.patient = patient
        self.stream = stream
        self.bodySite = bodySite
        self.laterality = laterality
        self.description = description
        self.capturedAt = capturedAt
        self.studyInstanceUID = studyInstanceUID
        self.seriesInstanceUID = seriesInstanceUID
        self.sopInstanceUID = sopInstanceUID
        self.accessionNumber = accessionNumber
    }
}

extension Gateway {
    /// Stores a photo: wraps it to DICOM, seals original and DICOM object with the patient's
    /// data key, then records the asset. Returns only after everything is durable.
    public func upload(_ bytes: [UInt8], _ request: UploadRequest, by who: Principal) async throws -> AssetView {
        guard !bytes.isEmpty else { throw PGError(.unsupportedFormat, "the request body is empty (a JPEG or PNG is expected)") }
        // 1. The patient (created when unknown) and its data key.
        let (patient, key) = try await ensurePatient(request.patient, by: who)
        // 2. DICOM object and sealed blobs (each fsynced).
        let prepared = try prepareAsset(bytes, request, subject: AssetSubject(patient), key: key, keyIsNew: false)
        // 3. The row that makes them an asset.
        do {
            let asset = try await writer.write { db in try self.recordAsset(db, prepared, patientID: patient.id, by: who) }
            metrics.upload(bytes: bytes.count)
            return AssetView(asset)
        } catch {
            discard(prepared)
            throw error
        }
    }

    /// The patient with this identifier, created (with its data key) when unknown — from
    /// `newPatient` when given (it receives the new record id), then `onCreate` runs in the
    /// creating transaction.
    func ensurePatient(_ identifier: Identifier, by who: Principal, via: String = "upload",
                       newPatient: (@Sendable (String) -> Patient)? = nil,
                       onCreate: (@Sendable (Database, Patient) throws -> Void)? = nil) async throws -> (Patient, SymmetricKey) {
        // The common case — a known patient with a key — needs no write transaction.
        if let known = try await database.reader.read({ db -> (Patient, SymmetricKey)? in
            guard let p = try PatientRepository.find(db, identifier: identifier),
                  let key = try self.keys.existingKey(db, patientID: p.id) else { return nil }
            return (p, key)
        }) {
            return known
        }
        for _ in 0..<3 {
            do {
                return try await writer.write { db in
                    let now = self.clock()
                    var patient = try PatientRepository.find(db, identifier: identifier)
                    if patient == nil {
                        let id = self.newID()
                        let created = newPatient?(id) ?? Patient(id: id, identifiers: [identifier], updatedAt: now)
                        try PatientRepository.insert(db, created)
                        try self.audit(db, who, "patient.create", patient: created.id, detail: ["via": via])
                        try onCreate?(db, created)
                        patient = created
                    }
                    return (patient!, try self.keys.dataKey(db, patientID: patient!.id, at: now))
                }
            } catch let error as PGError where error.code == .conflict {
                continue  // another upload created the same patient concurrently: read it
            }
        }
        throw PGError(.conflict, "the patient record is being changed concurrently; retry")
    }

    /// Assets visible to the caller, filtered by patient and state.
    public func listAssets(patient: Identifier?, state: AssetState?, limit: Int, offset: Int, by who: Principal)
        async throws -> [AssetView]
    {
        try await writer.write { db in
            var patientID: String?
            if let patient {
                guard let found = try PatientRepository.find(db, identifier: patient) else { return [] }
                patientID = found.id
            }
            let assets = try AssetRepository.list(db, patientID: patientID, state: state, limit: limit, offset: offset)
                .filter { Self.mayView($0, who) }
            try self.audit(db, who, "asset.list", patient: patientID, detail: ["count": String(assets.count)])
            return assets.map { AssetView($0) }
        }
    }

    /// One asset with its consents and the decision for every channel now.
    public func assetDetail(_ id: String, by who: Principal) async throws -> AssetView {
        try await writer.write { db in
            let (asset, _) = try self.visibleAsset(db, id, who)
            let patient = try self.patient(db, asset.patientID)
            let consents = try ConsentRepository.ofPatient(db, patient.id).filter { $0.scope.covers(asset.id) }
            let now = self.clock()
            let decisions = self.channels.map {
                ConsentPolicy.decide(asset: asset, patient: patient, consents: consents, channel: $0, at: now)
            }
            try self.audit(db, who, "asset.read", patient: patient.id, asset: asset.id)
            return AssetView(asset, consents: consents, decisions: decisions)
        }
    }

    /// Adds and removes tags on many assets in one transaction.
    public func tagAssets(_ ids: [String], add: [String], remove: [String], by who: Principal) async throws -> [AssetView] {
        guard !ids.isEmpty, ids.count <= 10_000 else { throw PGError(.badRequest, "give between 1 and 10000 asset ids") }
        for tag in add + remove where tag.isEmpty || tag.count > 64 {
            throw PGError(.badRequest, "tags are 1-64 characters")
        }
        return try await writer.write { db in
            let now = self.clock()
            return try ids.map { id in
                var (asset, _) = try self.visibleAsset(db, id, who)
                var tags = asset.tags.filter { !remove.contains($0) }
                for tag in add where !tags.contains(tag) { tags.append(tag) }
                asset.tags = tags
                asset.updatedAt = now
                try AssetRepository.update(db, asset)
                try self.audit(db, who, "asset.update", patient: asset.patientID, asset: asset.id,
                               detail: ["tags": tags.joined(separator: ",")])
                return AssetView(asset)
            }
        }
    }

    /// The stored bytes of an asset: the original as received, or its DICOM object.
    /// Treating roles only (route check); every read is audited.
    public func assetBytes(_ id: String, dicom: Bool, by who: Principal) async throws -> (bytes: [UInt8], contentType: String) {
        let (asset, blobIDs, key) = try await writer.write { db in
            let (asset, blobIDs) = try self.visibleAsset(db, id, who)
            guard asset.state != .erased else { throw PGError(.notFound, "asset \(id) was erased") }
            guard let key = try self.keys.existingKey(db, patientID: blobIDs.keyOwner ?? asset.patientID) else {
                throw PGError(.keyUnavailable, "the data key of this patient is not available")
            }
            try self.audit(db, who, dicom ? "asset.read-dicom" : "asset.read-original", patient: asset.patientID, asset: id)
            return (asset, blobIDs, key)
        }
        let bytes = try blobs.get(dicom ? blobIDs.dicom : blobIDs.original, key: key)
        return (bytes, dicom ? "application/dicom" : asset.contentType)
    }

    // MARK: helpers

    func visibleAsset(_ db: Database, _ id: String, _ who: Principal) throws -> (Asset, AssetBlobs) {
        guard let found = try AssetRepository.find(db, id: id), Self.mayView(found.asset, who) else {
            throw PGError(.notFound, "no asset \(id)")
        }
        return found
    }

    func patient(_ db: Database, _ id: String) throws -> Patient {
        guard let p = try PatientRepository.find(db, id: id) else { throw PGError(.notFound, "no patient \(id)") }
        return p
    }

    /// Clinical photos are for treating roles; the communications team sees the communication stream.
    static func mayView(_ asset: Asset, _ who: Principal) -> Bool {
        switch who.role {
        case .communications: return asset.stream == .communication
        case .clinician, .privacyOfficer, .admin: return true
        case .integration, .uploader: return false
        }
    }

    /// A SNOMED CT code or Body Part Examined term, through the site's body-site mapping.
    func bodySite(_ value: String?) throws -> BodySite? {
        guard let value, !value.isEmpty else { return nil }
        let isCode = value.allSatisfy(\.isNumber)
        return try mappings.bodySites.resolve(bodyPart: isCode ? nil : value, snomedCode: isCode ? value : nil)
    }

    /// Issuer of Patient ID (0010,0021) for an identifier system: the site's identifier
    /// mapping, else the system itself when it fits DICOM LO (64 characters).
    func issuer(_ system: String) -> String? {
        if let mapped = mappings.identifiers.dicomIssuer(system: system) { return mapped }
        guard !system.isEmpty, system.count <= 64 else { return nil }
        return system
    }
}
