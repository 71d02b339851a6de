import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// One scheduler tick: raises `consent.expired` and `consent.expiring` for every consent
    /// that became due, exactly once each (the raised mark is written in the same
    /// transaction), reading only due rows through the partial indexes.
    /// Returns how many events were raised.
    @discardableResult
    public func expiryTick(batch: Int = 500) async throws -> Int {
        var total = 0
        while true {
            let raised = try await writer.write { db -> Int in
                let now = self.clock()
                var count = 0
                // Expired first: a consent found already expired gets no late "expiring" warning.
                for consent in try ConsentRepository.dueExpired(db, now: now, limit: batch) {
                    let assets = try AssetRepository.ofPatient(db, consent.patientID).filter { consent.scope.covers($0.id) }
                    try self.raise(db, .consentExpired, patient: consent.patientID, [
                        "consent": .string(consent.id),
                        "expiredAt": .string(JSON.iso8601(consent.period.end ?? now)),
                        "assets": .array(assets.map { .string($0.id) }),
                        "takeDown": try self.takeDownList(db, assetIDs: assets.map(\.id)),
                    ])
                    try self.blockAfterExpiry(db, consent, assets: assets, now: now)
                    try ConsentRepository.markExpiredRaised(db, id: consent.id, at: now)
                    try self.audit(db, nil, "consent.expired", patient: consent.patientID, detail: ["consent": consent.id])
                    count += 1
                }
                for consent in try ConsentRepository.dueExpiring(db, now: now, limit: batch) {
                    try self.raise(db, .consentExpiring, patient: consent.patientID, [
                        "consent": .string(consent.id),
                        "expiresAt": .string(JSON.iso8601(consent.period.end ?? now)),
                        "channels": .array(consent.channels.map { .string($0.rawValue) }),
                    ])
                    try ConsentRepository.markExpiringRaised(db, id: consent.id, at: now)
                    count += 1
                }
                return count
            }
            total += raised
            if raised < batch { return total }
        }
    }

    /// `asset.blocked` for channels the expiry took away (decided just before and at the end).
    func blockAfterExpiry(_ db: Database, _ consent: Consent, assets: [Asset], now: Date) throws {
        guard let end = consent.period.end else { return }
        let patient = try patient(db, consent.patientID)
        let consents = try ConsentRepository.ofPatient(db, consent.patientID)
        let justBefore = end.addingTimeInterval(-0.001)
        try raiseBlocked(db, assets: assets, reason: "consent.expired",
                         before: { ConsentPolicy.decide(asset: $0, patient: patient, consents: consents, channel: $1, at: justBefore) },
                         after: { ConsentPolicy.decide(asset: $0, patient: patient, consents: consents, channel: $1, at: max(now, end)) })
    }
}
