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

    /// Raises `asset.blocked` for each asset whose allowed channels a change took away.
    /// `before` and `after` decide one asset on one channel under the old and new facts.
    func raiseBlocked(_ db: Database, assets: [Asset], reason: String,
                      before: (Asset, Channel) -> Decision, after: (Asset, Channel) -> Decision) throws {
        for asset in assets {
            let blocked = AssetTransitions.blockedChannels(channels, before: { before(asset, $0) }, after: { after(asset, $0) })
            guard !blocked.isEmpty else { continue }
            let reasons = Set(blocked.flatMap { after(asset, $0).reasons }).map(\.rawValue).sorted()
            try raise(db, .assetBlocked, patient: asset.patientID, asset: asset.id, [
                "channels": .array(blocked.map { .string($0.rawValue) }),
                "reasons": .array(reasons.map(JSONValue.string)),
                "cause": .string(reason),
            ])
        }
    }

    /// Every recorded usage of the given assets, as the JSON take-down list.
    func takeDownList(_ db: Database, assetIDs: [String]) throws -> JSONValue {
        .array(try UsageRepository.ofAssets(db, assetIDs).map { u in
            .object(["asset": .string(u.assetID), "channel": .string(u.channel.rawValue), "location": .string(u.location),
                     "publishedBy": .string(u.publishedBy), "publishedAt": .string(JSON.iso8601(u.publishedAt))])
        })
    }
}
