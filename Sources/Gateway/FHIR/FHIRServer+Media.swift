import FHIR
import Foundation
import GRDB
import PhotoGateCore
import Storage

/// FHIR Media = the gateway's assets (FHIR R4 media.html). A Media is a view of the core
/// asset, built when read (no stored FHIR version: `versioning` is `no-version`), so photos
/// uploaded through `/api/assets` or DICOM are Media too. `content.url` points at the photo
/// as a Binary (`Binary/{asset id}`: the original, for the roles that may read originals).
///
/// A Media create (`content.data`, or in a transaction `content.url` naming a Binary entry)
/// makes an asset through the same core path as `POST /api/assets`: the photo is wrapped to
/// DICOM and sealed before the transaction (``Gateway/prepareAsset(_:_:subject:key:keyIsNew:)``),
/// the asset row, its audit record and `asset.created` are written inside it; when it does not
/// commit the sealed blobs are removed.
extension FHIRServer {
    static let mediaParameters: [FHIRSearchParameter] = [
        FHIRSearchParameter(name: "_id", type: .token, documentation: "Logical id of the Media (the asset id)"),
        FHIRSearchParameter(name: "subject", type: .reference, documentation: "The Patient: Patient/{id} or {id}"),
        FHIRSearchParameter(name: "created", type: .date, documentation: "When the photo was taken (else received) with eq, ne, lt, le, gt, ge"),
    ]

    /// `Media.extension`: the asset's stream (`clinical` | `communication`), read on create.
    static let streamExtension = "http://photogate.org/fhir/StructureDefinition/asset-stream"
    /// `Media.extension`: the asset's state (`active`, `to-be-assessed`, `archived`, `erased`).
    static let stateExtension = "http://photogate.org/fhir/StructureDefinition/asset-state"

    /// Who may see an asset's metadata: the roles that may see the photo, and `integration`
    /// (metadata only; never the bytes).
    static func mayReadMedia(_ asset: Asset, _ who: Principal) -> Bool {
        who.role == .integration || Gateway.mayView(asset, who)
    }

    /// The Media of an asset.
    func media(_ db: Database, _ asset: Asset, base: String) throws -> FHIR.Media {
        FHIR.Media(
            id: asset.id,
            meta: Meta(lastUpdated: FHIRTemporal.instant(asset.updatedAt)),
            extension: [Extension(url: Self.streamExtension, value: .code(asset.stream.rawValue)),
                        Extension(url: Self.stateExtension, value: .code(asset.state.rawValue))],
            identifier: [FHIR.Identifier(system: "urn:dicom:uid", value: "urn:oid:" + asset.sopInstanceUID)],
            status: asset.state == .erased ? .enteredInError : .completed,
            type: CodeableConcept(system: "http://terminology.hl7.org/CodeSystem/media-type", code: "image", display: "Image"),
            modality: CodeableConcept(system: "http://dicom.nema.org/resources/ontology/DCM", code: "XC",
                                      display: "External-camera Photography"),
            subject: try patientReference(db, coreID: asset.patientID),
            created: .dateTime(FHIRTemporal.instant(asset.capturedAt ?? asset.createdAt)),
            issued: FHIRTemporal.instant(asset.createdAt),
            bodySite: asset.bodySite.map { CodeableConcept(system: "http://snomed.info/sct", code: $0) },
            content: Attachment(contentType: asset.contentType, url: "\(base)/Binary/\(asset.id)"))
    }

    /// `Patient/{id}` of the FHIR Patient mapped to a core patient, else a logical reference
    /// by its MRN.
    func patientReference(_ db: Database, coreID: String) throws -> Reference {
        if let p = try FHIRResourceStore.byCoreId(db, type: "Patient", coreId: coreID).first {
            return Reference(reference: "Patient/\(p.id)")
        }
        let core = try PatientRepository.find(db, id: coreID)
        let id = core?.identifiers.first { gateway.mappings.identifiers.isMRN($0.system) } ?? core?.identifiers.first
        guard let id else { return Reference(display: "unknown patient") }
        return Reference(type: "Patient", identifier: FHIR.Identifier(system: id.system, value: id.value))
    }

    /// Read (http.html#read): 404 when unknown or not visible to the caller. Audited.
    func readMedia(id: String, base: String, by who: Principal) async throws -> FHIR.Media {
        try await gateway.writer.write { db -> Result<FHIR.Media, FHIRFailure> in
            guard let (asset, _) = try AssetRepository.find(db, id: id), Self.mayReadMedia(asset, who) else {
                try self.gateway.audit(db, who, "fhir.read", outcome: "not-found", detail: ["resource": "Media/\(id)"])
                return .failure(FHIRFailure(404, .notFound, "Media/\(id) is not known"))
            }
            try self.gateway.audit(db, who, "fhir.read", patient: asset.patientID, asset: asset.id, detail: ["resource": "Media/\(id)"])
            return .success(try self.media(db, asset, base: base))
        }.get()
    }

    /// Search (`_id`, `subject`, `created`): the total and one page, oldest first. The
    /// communications role sees the communication stream only. Audited.
    func searchMedia(query: [(String, String)], count: Int, offset: Int, base: String, by who: Principal) async throws
        -> (total: Int, matches: [FHIR.Media])
    {
        let values = try FHIRSearchParameter.values(query, supported: Self.mediaParameters)
        var q = AssetRepository.Query()
        for v in values["created"] ?? [] { q.created.append(try FHIRSearchParameter.dateMatches("created", v)) }
        for v in values["_id"] ?? [] {
            let ids = v.split(separator: ",").map(String.init)
            q.ids = q.ids.map { $0.filter(ids.contains) } ?? ids
        }
        switch who.role {
        case .communications: q.streams = [.communication]
        case .uploader: q.streams = []
        default: break
        }
        let subjects = values["subject"] ?? []
        let query0 = q
        return try await gateway.writer.write { db in
            var q = query0
            for v in subjects {
                var cores: [String] = []
                for ref in v.split(separator: ",").map(String.init) {
                    guard let id = FHIRSearchParameter.referenceID(ref, type: "Patient"),
                          let p = try FHIRResourceStore.current(db, type: "Patient", id: id), !p.deleted, let core = p.coreId
                    else { continue }
                    cores.append(core)
                }
                q.patientIDs = q.patientIDs.map { $0.filter(cores.contains) } ?? cores
            }
            let (total, assets) = try AssetRepository.search(db, q, limit: count, offset: offset)
            try self.gateway.audit(db, who, "fhir.search", detail: [
                "type": "Media", "query": query.filter { $0.0 != "_format" }.map { "\($0.0)=\($0.1)" }.joined(separator: "&"),
                "total": String(total), "returned": assets.map { "Media/\($0.id)" }.joined(separator: ","),
            ])
            return (total, try assets.map { try self.media(db, $0, base: base) })
        }
    }

    // MARK: - Create

    /// What a Media create takes from the resource, before any transaction.
    struct MediaInput: Sendable {
        var media: FHIR.Media
        var bytes: [UInt8]
        var stream: AssetStream
        var bodySite: String?
        var capturedAt: Date?
    }

    /// Reads the photo and what the asset takes from a Media. `binaries` are the Binary
    /// entries of the same transaction by their `fullUrl` (`content.url` may name one).
    func mediaInput(_ media: FHIR.Media, binaries: [String: FHIR.Binary] = [:]) throws -> MediaInput {
        var data = media.content.data
        var contentType = media.content.contentType
        if data == nil, let url = media.content.url {
            guard let binary = binaries[url] else {
                throw FHIRFailure(422, .businessRule, "Media.content.url '\(url)' is not a Binary entry of this transaction; "
                    + "send the photo as content.data, or as a Binary entry the Media names by its fullUrl",
                                  expression: ["Media.content.url"])
            }
            data = binary.data
            contentType = contentType ?? binary.contentType
        }
        guard let data, let bytes = Data(base64Encoded: data, options: .ignoreUnknownCharacters), !bytes.isEmpty else {
            throw FHIRFailure(422, .required, "Media.content.data (the photo, base64) is required", expression: ["Media.content.data"])
        }
        guard ["image/jpeg", "image/png"].contains(contentType ?? "") else {
            throw FHIRFailure(422, .notSupported, "Media.content.contentType must be image/jpeg or image/png",
                              expression: ["Media.content.contentType"])
        }
        var stream = AssetStream.clinical
        if let ext = media.extension.first(where: { $0.url == Self.streamExtension }) {
            guard case .code(let code)? = ext.value, let s = AssetStream(rawValue: code) else {
                throw FHIRFailure(422, .value, "the asset-stream extension must be the code clinical or communication",
                                  expression: ["Media.extension"])
            }
            stream = s
        }
        var site: String?
        if let codings = media.bodySite?.coding, !codings.isEmpty {
            guard let snomed = codings.first(where: { $0.system == "http://snomed.info/sct" })?.code else {
                throw FHIRFailure(422, .codeInvalid, "Media.bodySite needs a SNOMED CT coding (http://snomed.info/sct)",
                                  expression: ["Media.bodySite"])
            }
            site = snomed
        }
        var capturedAt: Date?
        switch media.created {
        case .dateTime(let text): capturedAt = FHIRTemporal.start(of: text)
        case .period(let p): capturedAt = p.start.flatMap(FHIRTemporal.start(of:))
        case nil: break
        }
        return MediaInput(media: media, bytes: Array(bytes), stream: stream, bodySite: site, capturedAt: capturedAt)
    }

    /// The patient a Media names, as far as it is known before its transaction: the DICOM
    /// header's identity and the data key to seal with. `patients` are the Patient entries of
    /// the same transaction by their `fullUrl`.
    func mediaSubject(_ db: Database, _ media: FHIR.Media, patients: [String: FHIR.Patient] = [:]) throws
        -> (identifier: PhotoGateCore.Identifier, subject: AssetSubject, coreID: String?)
    {
        if let ref = media.subject?.reference, let entry = patients[ref] {
            let mrn = try mrn(of: entry)
            let patch = try patch(of: entry)
            let core = try PatientRepository.find(db, identifier: mrn)
            return (mrn, AssetSubject(identifiers: core?.identifiers ?? [mrn], family: patch.family ?? core?.family,
                                      given: patch.given ?? core?.given ?? [], birthDate: patch.birthDate ?? core?.birthDate,
                                      gender: patch.gender ?? core?.gender), core?.id)
        }
        let core = try mediaPatient(db, media)
        let id = core.identifiers.first { gateway.mappings.identifiers.isMRN($0.system) } ?? core.identifiers[0]
        return (id, AssetSubject(core), core.id)
    }

    /// The core patient of `Media.subject`: `Patient/{id}` on this server, or an identifier
    /// of a known patient (400 `not-found` otherwise).
    func mediaPatient(_ db: Database, _ media: FHIR.Media) throws -> PhotoGateCore.Patient {
        guard let ref = media.subject else {
            throw FHIRFailure(422, .required, "Media.subject (the Patient) is required", expression: ["Media.subject"])
        }
        if let text = ref.reference {
            guard text.contains("Patient/"), let id = FHIRSearchParameter.referenceID(text, type: "Patient"),
                  let current = try FHIRResourceStore.current(db, type: "Patient", id: id), !current.deleted,
                  let core = try current.coreId.flatMap({ try PatientRepository.find(db, id: $0) })
            else { throw FHIRFailure(400, .notFound, "Media.subject '\(text)' is not a Patient on this server", expression: ["Media.subject"]) }
            return core
        }
        if let system = ref.identifier?.system, let value = ref.identifier?.value,
           let core = try PatientRepository.find(db, identifier: PhotoGateCore.Identifier(system: system, value: value)) {
            return core
        }
        throw FHIRFailure(400, .notFound, "Media.subject needs a reference (Patient/{id}) or the identifier of a known patient",
                          expression: ["Media.subject"])
    }

    /// Wraps and seals the photo of a Media (outside any transaction).
    func prepareMedia(_ input: MediaInput, identifier: PhotoGateCore.Identifier, subject: AssetSubject, coreID: String?)
        async throws -> PreparedAsset
    {
        let existing = try await gateway.database.reader.read { db in
            try coreID.flatMap { try self.gateway.keys.existingKey(db, patientID: $0) }
        }
        let request = UploadRequest(patient: identifier, stream: input.stream, bodySite: input.bodySite,
                                    description: input.media.content.title, capturedAt: input.capturedAt)
        do {
            return try gateway.prepareAsset(input.bytes, request, subject: subject, key: existing ?? .init(size: .bits256),
                                            keyIsNew: existing == nil, source: "fhir")
        } catch let e as PGError where [.unsupportedFormat, .unsupportedJPEGProcess, .inputUnreadable].contains(e.code) {
            throw FHIRFailure(422, .notSupported, "Media.content is not a usable photo: \(e.message)", expression: ["Media.content"])
        } catch let e as PGError where e.code == .unknownBodySite {
            throw FHIRFailure(422, .codeInvalid, e.message, expression: ["Media.bodySite"])
        }
    }

    /// Makes a prepared photo an asset inside the caller's transaction; the answer is the
    /// Media of the new asset.
    func createMedia(_ db: Database, _ input: MediaInput, _ prepared: PreparedAsset, base: String, by who: Principal) throws
        -> Written
    {
        let patient = try mediaPatient(db, input.media)
        let asset = try gateway.recordAsset(db, prepared, patientID: patient.id, by: who)
        try gateway.audit(db, who, "fhir.create", patient: patient.id, asset: asset.id, detail: ["resource": "Media/\(asset.id)"])
        let json = String(decoding: FHIRJSON.encode(.media(try media(db, asset, base: base))), as: UTF8.self)
        return Written(version: FHIRStoredVersion(type: "Media", id: asset.id, versionId: 1, lastUpdated: asset.updatedAt,
                                                  deleted: false, method: "POST", json: json),
                       created: true, versioned: false)
    }

    /// `POST /fhir/Media`: the photo in `content.data`; its own transaction.
    func createMedia(_ media: FHIR.Media, base: String, by who: Principal) async throws -> Written {
        let input = try mediaInput(media)
        let (identifier, subject, coreID) = try await gateway.database.reader.read { db in try self.mediaSubject(db, media) }
        let prepared = try await prepareMedia(input, identifier: identifier, subject: subject, coreID: coreID)
        do {
            let written = try await gateway.writer.write { db in try self.createMedia(db, input, prepared, base: base, by: who) }
            gateway.metrics.upload(bytes: prepared.byteCount)
            return written
        } catch {
            gateway.discard(prepared)
            if let coreID, prepared.keyIsNew { gateway.keys.forget(patientID: coreID) }
            throw error
        }
    }
}
