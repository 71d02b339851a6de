import Foundation
import GRDB
import PhotoGateCore
import Storage

/// One question for the batch decision API.
public struct DecisionQuery: Codable, Sendable {
    public var asset: String
    public var channel: String
    public var at: Date?
}

extension Gateway {
    /// `decide(asset, channel, at)` for one asset, audited.
    public func decide(assetID: String, channel: Channel, at: Date?, by who: Principal) async throws -> Decision {
        try Self.checkChannel(channel, known: channels)
        return try await writer.write { db in
            let (asset, _) = try self.visibleAsset(db, assetID, who)
            let decision = try self.decide(db, asset, channel, at ?? self.clock())
            try self.audit(db, who, "decision.query", patient: asset.patientID, asset: asset.id,
                           outcome: decision.allowed ? "allowed" : "denied", detail: ["channel": channel.rawValue])
            self.metrics.decision(decision)
            return decision
        }
    }

    /// Many decisions in one call (one audit record for the batch).
    public func decideBatch(_ queries: [DecisionQuery], by who: Principal) async throws -> [Decision] {
        guard queries.count <= 10_000 else { throw PGError(.payloadTooLarge, "at most 10000 decisions per request") }
        for q in queries { try Self.checkChannel(Channel(q.channel), known: channels) }
        let decisions = try await database.reader.read { db in try self.decideMany(db, queries, who) }
        try await writer.write { db in
            try self.audit(db, who, "decision.query", detail: ["count": String(decisions.count),
                                                               "allowed": String(decisions.filter(\.allowed).count)])
        }
        metrics.decisions(allowed: decisions.filter(\.allowed).count, denied: decisions.filter { !$0.allowed }.count)
        return decisions
    }

    /// Loads each asset, patient and consent set once for a batch.
    func decideMany(_ db: Database, _ queries: [DecisionQuery], _ who: Principal) throws -> [Decision] {
        let now = clock()
        var assets: [String: Asset] = [:]
        var patients: [String: Patient] = [:]
        var consents: [String: [Consent]] = [:]
        return try queries.map { q in
            if assets[q.asset] == nil { assets[q.asset] = try visibleAsset(db, q.asset, who).0 }
            let asset = assets[q.asset]!
            if patients[asset.patientID] == nil {
                patients[asset.patientID] = try patient(db, asset.patientID)
                consents[asset.patientID] = try ConsentRepository.ofPatient(db, asset.patientID)
            }
            return ConsentPolicy.decide(asset: asset, patient: patients[asset.patientID]!,
                                        consents: consents[asset.patientID]!, channel: Channel(q.channel), at: q.at ?? now)
        }
    }

    func decide(_ db: Database, _ asset: Asset, _ channel: Channel, _ at: Date) throws -> Decision {
        ConsentPolicy.decide(asset: asset, patient: try patient(db, asset.patientID),
                             consents: try ConsentRepository.ofPatient(db, asset.patientID), channel: channel, at: at)
    }

    static func checkChannel(_ channel: Channel, known: [Channel]) throws {
        guard known.contains(channel) else {
            throw PGError(.badRequest, "unknown channel '\(channel)' (known: \(known.map(\.rawValue).joined(separator: ", ")))")
        }
    }
}

/// A publication refused by the decision: HTTP 403 with every reason.
public struct PublicationDenied: Error, Sendable {
    public let decision: Decision

    public var error: PGError {
        PGError(.publicationDenied, "publication on \(decision.channel) is denied: "
            + decision.reasons.map(\.rawValue).joined(separator: ", "))
    }
}
