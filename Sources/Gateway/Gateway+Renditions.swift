import DICOM
import Foundation
import GRDB
import ImageCodec
import PhotoFormats
import PhotoGateCore
import Storage

extension Gateway {
    /// The publication rendition of an asset for a channel: only when the decision allows it
    /// (403 with every reason otherwise). A JPEG made from the upright, clean pixels of the
    /// DICOM object, with no EXIF/GPS and the consent state embedded as XMP.
    public func rendition(_ id: String, channel: Channel, by who: Principal) async throws -> [UInt8] {
        try Self.checkChannel(channel, known: channels)
        let now = clock()
        let (asset, blobIDs, key, decision, consent) = try await writer.write { db in
            let (asset, blobIDs) = try self.visibleAsset(db, id, who)
            let consents = try ConsentRepository.ofPatient(db, asset.patientID)
            let decision = ConsentPolicy.decide(asset: asset, patient: try self.patient(db, asset.patientID),
                                                consents: consents, channel: channel, at: now)
            try self.audit(db, who, "asset.rendition", patient: asset.patientID, asset: asset.id,
                           outcome: decision.allowed ? "success" : "denied",
                           detail: ["channel": channel.rawValue, "reasons": decision.reasons.map(\.rawValue).joined(separator: ",")])
            let key = decision.allowed ? try self.keys.existingKey(db, patientID: blobIDs.keyOwner ?? asset.patientID) : nil
            return (asset, blobIDs, key, decision, consents.first { $0.id == decision.consentID })
        }
        metrics.decision(decision)
        guard decision.allowed, let consent else {
            throw PublicationDenied(decision: decision)
        }
        guard let key else { throw PGError(.keyUnavailable, "the data key of this patient is not available") }
        let dicomPath = scratchPath("dcm")
        defer { unlink(dicomPath) }
        try blobs.export(blobIDs.dicom, key: key, to: dicomPath)
        let clean = try Self.cleanJPEG(dicomPath, quality: 92)
        let permitsAll = Set(channels).isSubset(of: Set(consent.channels)) && consent.period.end == nil
        return try Rendition.make(cleanJPEG: clean, consent: RenditionConsent(
            assetID: asset.id, consentID: consent.id, consentStatus: consent.status.rawValue, channel: channel.rawValue,
            permittedChannels: consent.channels.map(\.rawValue), validFrom: consent.period.start,
            validUntil: consent.period.end, decidedAt: now, allChannelsUnlimited: permitsAll))
    }

    /// The pixels of a stored VL Photographic object as JPEG: the encapsulated baseline JPEG
    /// itself, or native pixels (from PNG) encoded at `quality`.
    static func cleanJPEG(_ dicomPath: String, quality: Int) throws -> [UInt8] {
        let file = try DicomFile(path: dicomPath)
        if file.fragments != nil { return try file.fragment(0) }
        let pixels = try file.nativePixels()
        guard let rows = file.string(0x0028_0010).flatMap(Int.init), let columns = file.string(0x0028_0011).flatMap(Int.init),
              let samples = file.string(0x0028_0002).flatMap(Int.init), pixels.count >= rows * columns * samples
        else { throw PGError(.invalidDicomFile, "stored object has no usable pixel data") }
        let raster = Raster(width: columns, height: rows, samples: samples,
                            pixels: Array(pixels.prefix(rows * columns * samples)))
        return try JPEGCodec.encodeBaseline(raster, subsampling: 2, quality: quality)
    }
}
