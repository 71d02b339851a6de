import CDcmtkShim
import Foundation
import PhotoGateCore

/// A DICOM SCU: C-ECHO, C-STORE of Part 10 files, C-FIND and C-MOVE against one peer, one
/// association per call.
///
/// Calls block the calling thread for the network round trips: make them from a thread that
/// may block (a `DispatchQueue`, a dedicated `Thread`), not from the Swift concurrency pool.
/// Failures to connect or associate throw ``DicomNetworkError``; DIMSE statuses are returned.
public struct DicomClient: Sendable {
    public var peer: DicomPeer
    public var callingAETitle: String
    public var connectTimeout: Duration
    /// Waiting for A-ASSOCIATE-AC and A-RELEASE-RP.
    public var acseTimeout: Duration
    /// Waiting for each DIMSE response.
    public var dimseTimeout: Duration
    public var maxPDU: UInt32
    /// ``store(_:)`` also proposes Explicit and Implicit VR Little Endian for files in a
    /// native (uncompressed) or deflated encoding, which DCMTK re-encodes losslessly.
    /// Compressed files (JPEG) are sent as they are, never transcoded.
    public var allowTransferSyntaxFallback: Bool

    public init(peer: DicomPeer, callingAETitle: String = "PHOTOGATE", connectTimeout: Duration = .seconds(10),
                acseTimeout: Duration = .seconds(30), dimseTimeout: Duration = .seconds(60), maxPDU: UInt32 = 65536,
                allowTransferSyntaxFallback: Bool = true) {
        self.peer = peer
        self.callingAETitle = callingAETitle
        self.connectTimeout = connectTimeout
        self.acseTimeout = acseTimeout
        self.dimseTimeout = dimseTimeout
        self.maxPDU = maxPDU
        self.allowTransferSyntaxFallback = allowTransferSyntaxFallback
    }

    /// C-ECHO (PS3.4 A.4): the C-ECHO-RSP status.
    @discardableResult
    public func echo() throws -> DicomStatus {
        var status: UInt16 = 0
        try call { config, rejected, err in pgd_scu_echo(config, &status, rejected, err) }
        return DicomStatus(status)
    }

    /// Sends the files with C-STORE over one association (more only past 128 presentation
    /// contexts): one outcome per path, in order.
    public func store(_ paths: [String]) throws -> [DicomStoreOutcome] {
        guard !paths.isEmpty else { return [] }
        var results = [pgd_store_result](repeating: pgd_store_result(), count: paths.count)
        let c = CStringArena()
        let list = c.array(paths)
        let fallback: Int32 = allowTransferSyntaxFallback ? 1 : 0
        try withExtendedLifetime(c) {
            try call { config, rejected, err in
                pgd_scu_store(config, list, paths.count, fallback, &results, rejected, err)
            }
        }
        return zip(paths, results).map { path, r in
            DicomStoreOutcome(path: path, sopInstanceUID: tupleString(r.sop_instance_uid),
                              status: r.sent == 1 ? DicomStatus(r.status) : nil,
                              problem: r.sent == 1 ? nil : tupleString(r.message))
        }
    }

    /// C-FIND (PS3.4 C.4.1) at `level` with the keys (empty values are return keys).
    public func find(root: DicomQuery.Root, level: DicomQuery.Level, keys: [DicomAttribute]) throws -> DicomFindResponse {
        let collector = MatchCollector()
        var status: UInt16 = 0
        let c = CStringArena()
        let attrs = keys.map { pgd_attr(tag: $0.tag, value: c($0.value)) }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        try withExtendedLifetime(c) {
            try call { config, rejected, err in
                pgd_scu_find(config, Self.root(root), level.rawValue, attrs, attrs.count, MatchCollector.onMatch,
                             context, &status, rejected, err)
            }
        }
        return withExtendedLifetime(collector) { DicomFindResponse(status: DicomStatus(status), matches: collector.matches) }
    }

    /// C-MOVE (PS3.4 C.4.2) of what the keys select to `destinationAETitle`, which the peer
    /// must know; returns when the peer sends its final response.
    public func move(root: DicomQuery.Root, level: DicomQuery.Level, keys: [DicomAttribute],
                     to destinationAETitle: String) throws -> DicomMoveOutcome {
        var result = pgd_move_result()
        let c = CStringArena()
        let attrs = keys.map { pgd_attr(tag: $0.tag, value: c($0.value)) }
        try withExtendedLifetime(c) {
            try call { config, rejected, err in
                pgd_scu_move(config, Self.root(root), level.rawValue, attrs, attrs.count, destinationAETitle, &result,
                             rejected, err)
            }
        }
        return DicomMoveOutcome(status: DicomStatus(result.status), completed: Int(result.completed),
                                failed: Int(result.failed), warning: Int(result.warning))
    }

    private static func root(_ root: DicomQuery.Root) -> Int32 {
        root == .patient ? PGD_ROOT_PATIENT : PGD_ROOT_STUDY
    }

    /// Runs one shim SCU call with this client's configuration; throws on failure.
    private func call(_ body: (UnsafePointer<pgd_scu_config>, UnsafeMutablePointer<pgd_reject>,
                               UnsafeMutablePointer<pgd_error>) -> Int32) throws {
        do { try DicomToolkit.initialize() } catch let e as PGError {
            throw DicomNetworkError(.internalError, e.description)
        }
        let c = CStringArena()
        var config = pgd_scu_config()
        config.host = c(peer.host)
        config.port = peer.port
        config.called_ae = c(peer.aeTitle)
        config.calling_ae = c(callingAETitle)
        config.max_pdu = maxPDU
        config.connect_timeout_s = connectTimeout.wholeSeconds
        config.acse_timeout_s = acseTimeout.wholeSeconds
        config.dimse_timeout_s = dimseTimeout.wholeSeconds
        config.implementation_class_uid = c(DicomToolkit.implementationClassUID)
        config.implementation_version = c(DicomToolkit.implementationVersionName)
        var rejected = pgd_reject()
        var err = pgd_error()
        let rc = withExtendedLifetime(c) { body(&config, &rejected, &err) }
        if rc != PGD_OK { throw DicomNetworkError(shim: rc, err, rejected: rejected) }
    }
}

/// Collects C-FIND matches from the shim's callback (called on the calling thread).
private final class MatchCollector {
    var matches: [[DicomAttribute]] = []

    static let onMatch: pgd_match_cb = { context, attrs, n in
        let me = Unmanaged<MatchCollector>.fromOpaque(context!).takeUnretainedValue()
        var match: [DicomAttribute] = []
        for i in 0..<n { match.append(DicomAttribute(attrs![i].tag, String(cString: attrs![i].value))) }
        me.matches.append(match)
    }
}
