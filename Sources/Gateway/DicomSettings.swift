import Foundation
import PhotoGateCore

/// The `dicom:` block of the configuration: who may talk DIMSE to the gateway, where it
/// forwards, and how received objects become assets. Port and AE title are the top-level
/// `dicomPort` / `dicomAETitle`.
public struct DicomSettings: Sendable, Equatable, Codable {
    /// Which callers not listed in ``peers`` may associate (matched by calling AE title and,
    /// when the peer names one, its address):
    /// - `store` (default, as Orthanc does): C-ECHO and C-STORE from anyone; C-FIND, C-MOVE
    ///   and C-GET only from configured peers.
    /// - `reject`: only configured peers may associate at all.
    /// - `all`: anyone may do anything (test set-ups).
    public enum UnknownCallers: String, Sendable, Codable, CaseIterable {
        case store, reject, all
    }

    /// A DICOM application entity the gateway knows: C-MOVE destinations and forwarding
    /// targets are looked up here by AE title.
    public struct Peer: Sendable, Equatable, Codable {
        public var aeTitle: String
        public var host: String
        public var port: Int

        public init(aeTitle: String, host: String, port: Int) {
            self.aeTitle = aeTitle
            self.host = host
            self.port = port
        }
    }

    /// Which new objects go where: every new asset (upload, DIMSE, STOW-RS, FHIR Media) of
    /// one of `streams` is queued for `destination`.
    public struct ForwardingRule: Sendable, Equatable, Codable {
        public var destination: String
        public var streams: [AssetStream]
        /// Also re-send an object when a patient update rewrote it.
        public var resendOnPatientUpdate: Bool

        public init(destination: String, streams: [AssetStream] = [.clinical], resendOnPatientUpdate: Bool = true) {
            self.destination = destination
            self.streams = streams
            self.resendOnPatientUpdate = resendOnPatientUpdate
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            destination = try c.decode(String.self, forKey: .destination)
            streams = try c.decodeIfPresent([AssetStream].self, forKey: .streams) ?? [.clinical]
            resendOnPatientUpdate = try c.decodeIfPresent(Bool.self, forKey: .resendOnPatientUpdate) ?? true
        }
    }

    public var unknownCallers = UnknownCallers.store
    public var peers: [Peer] = []
    public var forwarding: [ForwardingRule] = []
    /// Associations served at once; more are rejected (transient, local limit exceeded).
    public var maxAssociations = 16
    /// Largest object accepted by C-STORE or STOW-RS.
    public var maxObjectBytes = 256 << 20
    /// The stream of assets received over DIMSE or STOW-RS.
    public var stream = AssetStream.clinical
    /// Storage SOP classes accepted besides VL Photographic, Video Photographic, Dermoscopic
    /// Photography and Secondary Capture.
    public var additionalSOPClasses: [String] = []
    /// Forwarding retries: first delay, doubling up to the cap; 0 attempts = retry forever.
    public var retryInitialSeconds = 5.0
    public var retryMaxSeconds = 3600.0
    public var retryMaxAttempts = 0

    public init() {}

    /// The keys of the `dicom:` block (unknown keys are configuration errors).
    static let keys: Set<String> = [
        "unknownCallers", "peers", "forwarding", "maxAssociations", "maxObjectBytes", "stream", "additionalSOPClasses",
        "retryInitialSeconds", "retryMaxSeconds", "retryMaxAttempts",
    ]

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DicomSettings()
        unknownCallers = try c.decodeIfPresent(UnknownCallers.self, forKey: .unknownCallers) ?? d.unknownCallers
        peers = try c.decodeIfPresent([Peer].self, forKey: .peers) ?? d.peers
        forwarding = try c.decodeIfPresent([ForwardingRule].self, forKey: .forwarding) ?? d.forwarding
        maxAssociations = try c.decodeIfPresent(Int.self, forKey: .maxAssociations) ?? d.maxAssociations
        maxObjectBytes = try c.decodeIfPresent(Int.self, forKey: .maxObjectBytes) ?? d.maxObjectBytes
        stream = try c.decodeIfPresent(AssetStream.self, forKey: .stream) ?? d.stream
        additionalSOPClasses = try c.decodeIfPresent([String].self, forKey: .additionalSOPClasses) ?? d.additionalSOPClasses
        retryInitialSeconds = try c.decodeIfPresent(Double.self, forKey: .retryInitialSeconds) ?? d.retryInitialSeconds
        retryMaxSeconds = try c.decodeIfPresent(Double.self, forKey: .retryMaxSeconds) ?? d.retryMaxSeconds
        retryMaxAttempts = try c.decodeIfPresent(Int.self, forKey: .retryMaxAttempts) ?? d.retryMaxAttempts
    }

    /// The configured peer with this AE title.
    public func peer(_ aeTitle: String) -> Peer? {
        peers.first { $0.aeTitle == aeTitle.trimmingCharacters(in: .whitespaces) }
    }

    /// Delay before attempt `attempt` + 1 after `attempt` failures, or nil to give up.
    public func retryDelay(afterAttempts attempt: Int) -> TimeInterval? {
        if retryMaxAttempts > 0, attempt >= retryMaxAttempts { return nil }
        return min(retryMaxSeconds, retryInitialSeconds * pow(2, Double(max(0, attempt - 1))))
    }

    func validate() throws {
        func ae(_ title: String, _ what: String) throws {
            guard !title.isEmpty, title.count <= 16, title.allSatisfy({ $0.isASCII && $0 != "\\" && !$0.isNewline }) else {
                throw PGError(.invalidConfiguration, "dicom: \(what) AE title '\(title)' must be 1-16 ASCII characters")
            }
        }
        var titles = Set<String>()
        for peer in peers {
            try ae(peer.aeTitle, "peer")
            guard titles.insert(peer.aeTitle).inserted else {
                throw PGError(.invalidConfiguration, "dicom: peer AE title '\(peer.aeTitle)' is listed twice")
            }
            guard !peer.host.isEmpty, (1...65535).contains(peer.port) else {
                throw PGError(.invalidConfiguration, "dicom: peer '\(peer.aeTitle)' needs a host and a port 1-65535")
            }
        }
        for rule in forwarding where peer(rule.destination) == nil {
            throw PGError(.invalidConfiguration,
                          "dicom: forwarding destination '\(rule.destination)' is not one of the peers (\(peers.map(\.aeTitle).joined(separator: ", ")))")
        }
        guard maxAssociations > 0 else { throw PGError(.invalidConfiguration, "dicom: maxAssociations must be positive") }
        guard maxObjectBytes > 0 else { throw PGError(.invalidConfiguration, "dicom: maxObjectBytes must be positive") }
        guard retryInitialSeconds > 0, retryMaxSeconds >= retryInitialSeconds, retryMaxAttempts >= 0 else {
            throw PGError(.invalidConfiguration, "dicom: retry delays must be positive (initial <= max), attempts >= 0")
        }
        for uid in additionalSOPClasses where !uid.allSatisfy({ $0.isNumber || $0 == "." }) || uid.count > 64 {
            throw PGError(.invalidConfiguration, "dicom: additional SOP class '\(uid)' is not a UID")
        }
    }
}
