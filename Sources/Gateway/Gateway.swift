import Crypto
import Foundation
import Logging
import Mappings
import PhotoGateCore
import PhotoIngest
import Storage

/// The gateway's state and operations: one instance per process, shared by every interface
/// (HTTP now; FHIR, HL7 and DICOM feed the same operations). Operations live in
/// `Gateway+*.swift`, one file per concern; each writes its change, its audit record and its
/// events in one transaction.
public final class Gateway: Sendable {
    public let config: GatewayConfig
    public let database: AppDatabase
    public let writer: GroupCommitWriter
    public let blobs: BlobStore
    public let keys: KeyRing
    public let logger: Logger
    public let metrics: GatewayMetrics
    /// The site mappings (identifiers, HL7 fields, death rules, consent channels, body sites).
    public let mappings: SiteMappings
    let clock: @Sendable () -> Date
    let uids: DicomUIDGenerator
    let ids = TimeOrderedID()
    /// Principals of recently seen bearer tokens.
    let principals = PrincipalCache()
    /// Private scratch directory outside the data directory for plaintext working files.
    let scratch: String
    public let masterKeyOrigin: MasterKey.Origin

    /// Opens (creating when new) the data directory: database, blob store, master key.
    public init(config: GatewayConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "photogate")) throws {
        try config.validate()
        self.config = config
        mappings = try SiteMappings.load(directory: config.mappings)
        self.clock = clock
        self.logger = logger
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        } catch {
            throw PGError(.outputWriteFailed, "cannot create the data directory \(config.dataDir): \(error.localizedDescription)")
        }
        let (master, origin) = try MasterKey.load(environmentValue: environment["PHOTOGATE_MASTER_KEY"],
                                                  keyFile: config.masterKeyPath, createIfMissing: true)
        masterKeyOrigin = origin
        database = try AppDatabase(path: config.databasePath)
        writer = GroupCommitWriter(writer: database.writer, checkpointer: database.checkpointer)
        blobs = try BlobStore(root: config.blobRoot)
        keys = KeyRing(master: master)
        uids = try DicomUIDGenerator(root: config.uidRoot)
        metrics = GatewayMetrics()
        scratch = fm.temporaryDirectory.appendingPathComponent("photogate-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    /// Publication channels this deployment knows.
    public var channels: [Channel] { mappings.consent.allChannels }

    var leadTime: TimeInterval { config.expiryLeadDays * 86_400 }

    /// A new record identifier: a time-ordered UUID (version 7), so the indexes over ids grow
    /// at their end (see ``TimeOrderedID``).
    func newID() -> String { ids.make() }

    /// A scratch file path (removed by the caller).
    func scratchPath(_ suffix: String) -> String { "\(scratch)/\(UUID().uuidString.lowercased()).\(suffix)" }
}
