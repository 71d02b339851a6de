import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// Writes an event to the outbox inside the caller's transaction.
    @discardableResult
    func raise(_ db: Database, _ type: EventType, patient: String? = nil, asset: String? = nil,
               _ payload: [String: JSONValue] = [:]) throws -> GatewayEvent {
        let event = try EventOutbox.append(db, GatewayEvent(id: newID(), type: type, occurredAt: clock(), patientID: patient,
                                                            assetID: asset, payload: payload))
        metrics.event(type)
        return event
    }

    /// Events after a cursor (pull API).
    public func events(after cursor: Int64, limit: Int, by who: Principal) async throws -> EventPage {
        try await writer.write { db in
            let events = try EventOutbox.events(db, after: cursor, limit: limit)
            try self.audit(db, who, "event.read", detail: ["after": String(cursor), "count": String(events.count)])
            return EventPage(events: events, next: events.last?.seq ?? cursor)
        }
    }

    /// Raises one `asset.blocked` per patient for the assets whose allowed channels a change
    /// took away: `assets` lists each with its lost `channels` and the `reasons` now; the
    /// event's `assetID` names the asset when there is only one. `before` and `after` decide
    /// one asset on one channel under the old and new facts.
    func raiseBlocked(_ db: Database, assets: [Asset], reason: String,
                      before: (Asset, Channel) -> Decision, after: (Asset, Channel) -> Decision) throws {
        var blockedByPatient: [String: [(asset: String, entry: JSONValue)]] = [:]
        var patients: [String] = []
        for asset in assets {
            // Each decision once: a death fan-out decides every channel of a thousand photos.
            let decided = channels.map { after(asset, $0) }
            let blocked = AssetTransitions.blockedChannels(before: channels.map { before(asset, $0) }, after: decided)
            guard !blocked.isEmpty else { continue }
            let reasons = Set(decided.filter { blocked.contains($0.channel) }.flatMap(\.reasons)).map(\.rawValue).sorted()
            if blockedByPatient[asset.patientID] == nil { patients.append(asset.patientID) }
            blockedByPatient[asset.patientID, default: []].append((asset.id, .object([
                "asset": .string(asset.id),
                "channels": .array(blocked.map { .string($0.rawValue) }),
                "reasons": .array(reasons.map(JSONValue.string)),
            ])))
        }
        for patient in patients {
            let blocked = blockedByPatient[patient] ?? []
            try raise(db, .assetBlocked, patient: patient, asset: blocked.count == 1 ? blocked[0].asset : nil, [
                "assets": .array(blocked.map(\.entry)),
                "cause": .string(reason),
            ])
        }
    }

    /// Raises one `asset.review-required` for the assets of a patient that one cause put (or
    /// left) on hold: `assets` lists them; `assetID` names the asset when there is only one.
    func raiseReviewRequired(_ db: Database, patient: String, assets: [String], reason: String) throws {
        guard !assets.isEmpty else { return }
        try raise(db, .assetReviewRequired, patient: patient, asset: assets.count == 1 ? assets[0] : nil, [
            "assets": .array(assets.map(JSONValue.string)),
            "reason": .string(reason),
        ])
    }

    /// Every recorded usage of the given assets, as the JSON take-down list.
    func takeDownList(_ db: Database, assetIDs: [String]) throws -> JSONValue {
        .array(try UsageRepository.ofAssets(db, assetIDs).map { u in
            .object(["asset": .string(u.assetID), "channel": .string(u.channel.rawValue), "location": .string(u.location),
                     "publishedBy": .string(u.publishedBy), "publishedAt": .string(JSON.iso8601(u.publishedAt))])
        })
    }
}
