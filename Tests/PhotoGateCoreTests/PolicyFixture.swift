import Foundation
import PhotoGateCore

/// Builders for the policy tests: one patient `p1`, assets `a1`/`a2`, times in whole days.
enum PolicyFixture {
    static let patientID = "p1"
    static let assetID = "a1"

    /// Day `n` after the reference date (2001-01-01), so times read as small numbers.
    static func day(_ n: Double) -> Date { Date(timeIntervalSinceReferenceDate: n * 86_400) }

    static func patient(id: String = patientID, deceased: Bool = false, recordedAt: Date? = nil) -> Patient {
        Patient(id: id, identifiers: [Identifier(system: "urn:mrn", value: id)], deceased: deceased,
                deceasedAt: deceased ? recordedAt : nil, deceasedRecordedAt: recordedAt, updatedAt: day(0))
    }

    static func asset(id: String = assetID, stream: AssetStream = .communication, state: AssetState = .active,
                      releasedAt: Date? = nil) -> Asset {
        Asset(id: id, patientID: patientID, stream: stream, state: state, createdAt: day(0), releasedAt: releasedAt,
              studyInstanceUID: "1.2.3", seriesInstanceUID: "1.2.3.1", sopInstanceUID: "1.2.3.1.\(id.count)",
              contentType: "image/jpeg")
    }

    static func consent(id: String = "c1", patientID: String = patientID, status: ConsentStatus = .active,
                        scope: ConsentScope = .allAssets, channels: [Channel] = [.website],
                        period: Period = Period(), denies: [DenyProvision] = [], withdrawnAt: Date? = nil,
                        createdAt: Date = day(0)) -> Consent {
        Consent(id: id, patientID: patientID, status: status, scope: scope, channels: channels, period: period,
                denies: denies, withdrawnAt: withdrawnAt, createdAt: createdAt)
    }
}
