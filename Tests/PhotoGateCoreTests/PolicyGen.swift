import Foundation
import PhotoGateCore
import PropertyBased

/// Everything `ConsentPolicy.decide` reads, drawn at random.
struct PolicyScenario: Sendable {
    var asset: Asset
    var patient: Patient
    var consents: [Consent]
    var channel: Channel
    var t: Date

    func decide() -> Decision {
        ConsentPolicy.decide(asset: asset, patient: patient, consents: consents, channel: channel, at: t)
    }
}

/// Generators for the policy properties. Instants lie on a coarse grid of days so that equal
/// boundaries (start == t, end == t, withdrawnAt == t) come up often.
enum PolicyGen {
    static let assetIDs = ["a1", "a2"]
    static let channels: [Channel] = Channel.standard + ["newsletter"]
    static let statuses: [ConsentStatus] = [.active, .active, .active, .inactive, .inactive, .draft, .proposed,
                                            .rejected, .enteredInError]

    static let instant = Gen.int(in: 0...20).map { PolicyFixture.day(Double($0)) }
    static let channel = Gen<Channel?>.element(of: channels).map { $0! }
    static let channelList = channel.array(of: 0...3)
    static let assetID = Gen<String?>.element(of: assetIDs).map { $0! }
    static let status = Gen<ConsentStatus?>.element(of: statuses).map { $0! }

    static let period = zip(instant.optional, instant.optional).map { Period(start: $0, end: $1) }

    static let scope = zip(Gen.bool(0.6), assetID.array(of: 0...2)).map { (all: Bool, ids: [String]) in
        all ? ConsentScope.allAssets : .assets(ids)
    }

    static let deny = zip(channelList.optional(valueRate: 0.8), assetID.array(of: 1...2).optional(valueRate: 0.3),
                          period.optional(valueRate: 0.5))
        .map { (channels: [Channel]?, ids: [String]?, period: Period?) in
            DenyProvision(channels: channels, assetIDs: ids, period: period)
        }

    /// Any consent: mostly of the patient `p1`, of every status, scope, period and channel mix.
    static let consent = zip(Gen.int(in: 0...9), Gen.bool(0.9), status, scope, channelList, period,
                             deny.array(of: 0...2), instant.optional(valueRate: 0.3), instant)
        .map { (n: Int, own: Bool, status: ConsentStatus, scope: ConsentScope, channels: [Channel], period: Period,
                denies: [DenyProvision], withdrawnAt: Date?, createdAt: Date) in
            Consent(id: "c\(n)", patientID: own ? "p1" : "p2", status: status, scope: scope, channels: channels,
                    period: period, denies: denies, withdrawnAt: withdrawnAt, createdAt: createdAt)
        }

    static let asset = zip(assetID, Gen<AssetStream>.case, Gen<AssetState>.case, instant.optional(valueRate: 0.3))
        .map { (id: String, stream: AssetStream, state: AssetState, releasedAt: Date?) in
            PolicyFixture.asset(id: id, stream: stream, state: state, releasedAt: releasedAt)
        }

    static let patient = zip(Gen.bool(0.3), instant.optional).map { (deceased: Bool, recordedAt: Date?) in
        PolicyFixture.patient(deceased: deceased, recordedAt: recordedAt)
    }

    static let scenario = zip(asset, patient, consent.array(of: 0...4), channel, instant)
        .map { (asset: Asset, patient: Patient, consents: [Consent], channel: Channel, t: Date) in
            PolicyScenario(asset: asset, patient: patient, consents: consents, channel: channel, t: t)
        }

    /// A scenario whose asset is active, communication, and whose patient is alive: only
    /// consent reasons can apply.
    static let publishableScenario = scenario.map { (s: PolicyScenario) in
        var s = s
        s.asset.state = .active
        s.asset.stream = .communication
        s.patient.deceased = false
        return s
    }

    /// A consent of `p1` covering the asset that permits `channel` at `t`: in force (start at
    /// or before `t`, end after it, or open), listing the channel, not withdrawn by `t`, and
    /// denying only other channels or other times.
    static func permitting(_ channel: Channel, assetID: String, at t: Date) -> Generator<Consent, some SendableSequenceType> {
        zip(Gen.int(in: 0...5).optional, Gen.int(in: 1...5).optional, channelList, Gen.bool(0.7),
            Gen.int(in: 1...5).optional(valueRate: 0.3), Gen.int(in: 0...9), channelList.array(of: 0...2),
            Gen.bool, Gen.int(in: 1...3))
            .map { (back: Int?, ahead: Int?, extra: [Channel], allAssets: Bool, withdrawnIn: Int?, n: Int,
                    denied: [[Channel]], listed: Bool, createdDaysBefore: Int) in
                let days = { (d: Int) in t.addingTimeInterval(Double(d) * 86_400) }
                let withdrawnAt = withdrawnIn.map(days)
                return Consent(
                    id: "c\(n)", patientID: "p1", status: withdrawnAt == nil ? .active : .inactive,
                    scope: allAssets ? .allAssets : .assets(listed ? [assetID, "other"] : [assetID]),
                    channels: extra + [channel], period: Period(start: back.map { days(-$0) },
                                                                             end: ahead.map(days)),
                    denies: denied.map { DenyProvision(channels: $0.filter { $0 != channel }) }
                        + [DenyProvision(channels: [channel], period: Period(end: t))],
                    withdrawnAt: withdrawnAt, createdAt: days(-createdDaysBefore))
            }
    }
}
