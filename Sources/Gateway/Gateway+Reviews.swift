import Foundation
import GRDB
import PhotoGateCore
import Storage

/// A usage as the JSON API takes it.
public struct UsageInput: Codable, Sendable {
    public var channel: String
    public var location: String
}

extension Gateway {
    /// Assets waiting for a human decision.
    public func reviewQueue(limit: Int, offset: Int, by who: Principal) async throws -> [AssetView] {
        try await writer.write { db in
            let assets = try AssetRepository.list(db, state: .toBeAssessed, limit: limit, offset: offset)
                .filter { Self.mayView($0, who) }
            try self.audit(db, who, "review.queue", detail: ["count": String(assets.count)])
            return assets.map { AssetView($0) }
        }
    }

    /// A human review: `release` (with a note recording the next-of-kin's wishes, and a valid
    /// consent) back to `active`, or `archive`.
    public func review(_ id: String, action: ReviewAction, note: String, by who: Principal) async throws -> AssetView {
        guard note.count <= 4000 else { throw PGError(.badRequest, "note is longer than 4000 characters") }
        return try await writer.write { db in
            let (asset, _) = try self.visibleAsset(db, id, who)
            let patient = try self.patient(db, asset.patientID)
            let consents = try ConsentRepository.ofPatient(db, patient.id)
            let now = self.clock()
            let reviewed: Asset
            do {
                reviewed = try AssetTransitions.review(asset: asset, action: action, note: note, patient: patient,
                                                       consents: consents, at: now)
            } catch let error as PGError {
                try? self.audit(db, who, "asset.review", patient: patient.id, asset: asset.id, outcome: "refused",
                                detail: ["action": action.rawValue, "code": error.code.id])
                throw error
            }
            try AssetRepository.update(db, reviewed)
            try UsageRepository.insert(db, Review(id: self.newID(), assetID: asset.id, action: action, note: note,
                                                  reviewer: who.name, reviewedAt: now))
            try self.audit(db, who, "asset.review", patient: patient.id, asset: asset.id,
                           detail: ["action": action.rawValue, "from": asset.state.rawValue, "to": reviewed.state.rawValue])
            try self.raise(db, action == .release ? .assetReleased : .assetArchived, patient: patient.id, asset: asset.id,
                           ["reviewer": .string(who.name)])
            return AssetView(reviewed)
        }
    }

    /// Records a publication. Publishing is a publication path: it goes through the decision.
    public func recordUsage(_ id: String, _ input: UsageInput, by who: Principal) async throws -> Usage {
        let channel = Channel(input.channel)
        try Self.checkChannel(channel, known: channels)
        guard !input.location.isEmpty, input.location.count <= 2048 else {
            throw PGError(.badRequest, "location must be 1-2048 characters")
        }
        return try await writer.write { db in
            let (asset, _) = try self.visibleAsset(db, id, who)
            let now = self.clock()
            let decision = try self.decide(db, asset, channel, now)
            guard decision.allowed else {
                throw PublicationDenied(decision: decision)
            }
            let usage = Usage(id: self.newID(), assetID: asset.id, channel: channel, location: input.location,
                              publishedBy: who.name, publishedAt: now)
            try UsageRepository.insert(db, usage)
            try self.audit(db, who, "asset.publish", patient: asset.patientID, asset: asset.id,
                           detail: ["channel": channel.rawValue])
            return usage
        }
    }

    public func usages(_ id: String, by who: Principal) async throws -> [Usage] {
        try await writer.write { db in
            let (asset, _) = try self.visibleAsset(db, id, who)
            try self.audit(db, who, "usage.read", patient: asset.patientID, asset: asset.id)
            return try UsageRepository.ofAssets(db, [asset.id])
        }
    }
}
