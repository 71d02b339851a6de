import Foundation
import PhotoGateCore
import Yams

/// Every setting of `photogate serve`, each with a default (PRODUCT.md "Default interfaces").
/// Precedence: defaults < `photogate.yaml` (or `--config FILE`) < `PHOTOGATE_*` environment
/// variables < command-line options.
public struct GatewayConfig: Sendable, Equatable, Codable {
    public var dataDir = "./data"
    public var host = "127.0.0.1"
    public var httpPort = 8080
    public var mllpPort = 2575
    public var dicomPort = 11112
    public var dicomAETitle = "PHOTOGATE"
    public var mappings = "./Mappings"
    /// DICOM UID root; nil = UUID-derived 2.25 UIDs.
    public var uidRoot: String?
    /// Key file holding the master key; default `<dataDir>/master.key`. The environment
    /// variable `PHOTOGATE_MASTER_KEY` (base64) takes precedence over any file.
    public var masterKeyFile: String?
    /// How long before a consent ends `consent.expiring` is raised.
    public var expiryLeadDays = 30.0
    /// How often the expiry scheduler looks for due consents.
    public var schedulerIntervalSeconds = 60.0
    /// Largest accepted request body (uploads included).
    public var maxUploadBytes = 64 << 20
    /// Largest JSON body.
    public var maxJSONBytes = 1 << 20
    public var logLevel = "info"
    public var webhooks: [WebhookConfig] = []
    /// Peer IP addresses allowed to connect to the MLLP listener (nil = any).
    public var mllpAllowedPeers: [String]?
    /// An MLLP connection idle this long is closed.
    public var mllpIdleTimeoutSeconds = 300
    /// DIMSE peers, forwarding rules and limits (the `dicom:` block).
    public var dicom = DicomSettings()

    public init() {}

    public var masterKeyPath: String { masterKeyFile ?? (dataDir as NSString).appendingPathComponent("master.key") }
    public var databasePath: String { (dataDir as NSString).appendingPathComponent("photogate.sqlite") }
    public var blobRoot: String { (dataDir as NSString).appendingPathComponent("blobs") }
}

/// A webhook receiving events: POSTed as JSON with an HMAC-SHA256 signature.
public struct WebhookConfig: Sendable, Equatable, Codable {
    public var name: String
    public var url: String
    /// Event types to send (nil = all).
    public var events: [String]?
    /// Shared secret for the `X-PhotoGate-Signature` header.
    public var secret: String

    public init(name: String, url: String, events: [String]? = nil, secret: String) {
        self.name = name
        self.url = url
        self.events = events
        self.secret = secret
    }
}

extension GatewayConfig {
    static let keys: Set<String> = [
        "dataDir", "host", "httpPort", "mllpPort", "dicomPort", "dicomAETitle", "mappings", "uidRoot",
        "masterKeyFile", "expiryLeadDays", "schedulerIntervalSeconds", "maxUploadBytes", "maxJSONBytes", "logLevel",
        "webhooks", "mllpAllowedPeers", "mllpIdleTimeoutSeconds", "dicom",
    ]

    /// Reads a YAML file over the defaults. Unknown keys are errors (a typo must not be ignored).
    public static func load(yamlFile path: String) throws -> GatewayConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw PGError(.invalidConfiguration, "\(path): cannot read the configuration file")
        }
        return try parse(yaml: text, source: path)
    }

    public static func parse(yaml text: String, source: String) throws -> GatewayConfig {
        let node: Any?
        do { node = try Yams.load(yaml: text) } catch {
            throw PGError(.invalidConfiguration, "\(source): not valid YAML: \(error)")
        }
        guard let map = node as? [String: Any] else {
            if node == nil { return GatewayConfig() }
            throw PGError(.invalidConfiguration, "\(source): expected a mapping of settings")
        }
        if let unknown = Set(map.keys).subtracting(keys).sorted().first {
            throw PGError(.invalidConfiguration, "\(source): unknown setting '\(unknown)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        if let block = map["dicom"] as? [String: Any],
           let unknown = Set(block.keys).subtracting(DicomSettings.keys).sorted().first {
            throw PGError(.invalidConfiguration,
                          "\(source): unknown setting 'dicom.\(unknown)' (known: \(DicomSettings.keys.sorted().joined(separator: ", ")))")
        }
        do {
            let config = try YAMLDecoder().decode(PartialConfig.self, from: text).apply(to: GatewayConfig())
            try config.validate()
            return config
        } catch let error as PGError {
            throw PGError(error.code, "\(source): \(error.message)")
        } catch {
            throw PGError(.invalidConfiguration, "\(source): \(error)")
        }
    }

    /// Applies `PHOTOGATE_*` environment variables.
    public mutating func applyEnvironment(_ env: [String: String]) throws {
        func int(_ name: String) throws -> Int? {
            guard let v = env[name] else { return nil }
            guard let n = Int(v) else { throw PGError(.invalidConfiguration, "\(name)='\(v)' is not a number") }
            return n
        }
        func double(_ name: String) throws -> Double? {
            guard let v = env[name] else { return nil }
            guard let n = Double(v) else { throw PGError(.invalidConfiguration, "\(name)='\(v)' is not a number") }
            return n
        }
        if let v = env["PHOTOGATE_DATA_DIR"] { dataDir = v }
        if let v = env["PHOTOGATE_HOST"] { host = v }
        if let v = try int("PHOTOGATE_HTTP_PORT") { httpPort = v }
        if let v = try int("PHOTOGATE_MLLP_PORT") { mllpPort = v }
        if let v = try int("PHOTOGATE_DICOM_PORT") { dicomPort = v }
        if let v = env["PHOTOGATE_DICOM_AE_TITLE"] { dicomAETitle = v }
        if let v = env["PHOTOGATE_MAPPINGS"] { mappings = v }
        if let v = env["PHOTOGATE_UID_ROOT"] { uidRoot = v }
        if let v = env["PHOTOGATE_MASTER_KEY_FILE"] { masterKeyFile = v }
        if let v = try double("PHOTOGATE_EXPIRY_LEAD_DAYS") { expiryLeadDays = v }
        if let v = try double("PHOTOGATE_SCHEDULER_INTERVAL_SECONDS") { schedulerIntervalSeconds = v }
        if let v = try int("PHOTOGATE_MAX_UPLOAD_BYTES") { maxUploadBytes = v }
        if let v = env["PHOTOGATE_LOG_LEVEL"] { logLevel = v }
    }

    /// Checks ranges and formats; every message names the setting.
    public func validate() throws {
        for (name, port) in [("httpPort", httpPort), ("mllpPort", mllpPort), ("dicomPort", dicomPort)] {
            guard (0...65535).contains(port) else {
                throw PGError(.invalidConfiguration, "\(name) \(port) is not a port number (0 picks a free port)")
            }
        }
        guard !dicomAETitle.isEmpty, dicomAETitle.count <= 16,
              dicomAETitle.allSatisfy({ $0.isASCII && $0 != "\\" && !$0.isNewline })
        else { throw PGError(.invalidConfiguration, "dicomAETitle '\(dicomAETitle)' must be 1-16 ASCII characters") }
        if let uidRoot { try DicomUIDGenerator.validateRoot(uidRoot) }
        guard expiryLeadDays >= 0 else { throw PGError(.invalidConfiguration, "expiryLeadDays must not be negative") }
        guard schedulerIntervalSeconds > 0 else {
            throw PGError(.invalidConfiguration, "schedulerIntervalSeconds must be positive")
        }
        guard mllpIdleTimeoutSeconds > 0 else { throw PGError(.invalidConfiguration, "mllpIdleTimeoutSeconds must be positive") }
        guard maxUploadBytes > 0, maxJSONBytes > 0 else {
            throw PGError(.invalidConfiguration, "maxUploadBytes and maxJSONBytes must be positive")
        }
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw PGError(.invalidConfiguration, "logLevel '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        try dicom.validate()
        var names = Set<String>()
        for hook in webhooks {
            guard names.insert(hook.name).inserted else {
                throw PGError(.invalidConfiguration, "webhook name '\(hook.name)' is used twice")
            }
            guard let url = URL(string: hook.url), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw PGError(.invalidConfiguration, "webhook '\(hook.name)': url '\(hook.url)' is not an http(s) URL")
            }
            guard hook.secret.count >= 16 else {
                throw PGError(.invalidConfiguration, "webhook '\(hook.name)': secret must be at least 16 characters")
            }
            for type in hook.events ?? [] where EventType(rawValue: type) == nil {
                throw PGError(.invalidConfiguration, "webhook '\(hook.name)': unknown event type '\(type)' (known: "
                    + EventType.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
        }
    }
}

/// The YAML file's view: every key optional.
private struct PartialConfig: Decodable {
    var dataDir: String?
    var host: String?
    var httpPort: Int?
    var mllpPort: Int?
    var dicomPort: Int?
    var dicomAETitle: String?
    var mappings: String?
    var uidRoot: String?
    var masterKeyFile: String?
    var expiryLeadDays: Double?
    var schedulerIntervalSeconds: Double?
    var maxUploadBytes: Int?
    var maxJSONBytes: Int?
    var logLevel: String?
    var webhooks: [WebhookConfig]?
    var mllpAllowedPeers: [String]?
    var mllpIdleTimeoutSeconds: Int?
    var dicom: DicomSettings?

    func apply(to base: GatewayConfig) -> GatewayConfig {
        var c = base
        if let dataDir { c.dataDir = dataDir }
        if let host { c.host = host }
        if let httpPort { c.httpPort = httpPort }
        if let mllpPort { c.mllpPort = mllpPort }
        if let dicomPort { c.dicomPort = dicomPort }
        if let dicomAETitle { c.dicomAETitle = dicomAETitle }
        if let mappings { c.mappings = mappings }
        if let uidRoot { c.uidRoot = uidRoot }
        if let masterKeyFile { c.masterKeyFile = masterKeyFile }
        if let expiryLeadDays { c.expiryLeadDays = expiryLeadDays }
        if let schedulerIntervalSeconds { c.schedulerIntervalSeconds = schedulerIntervalSeconds }
        if let maxUploadBytes { c.maxUploadBytes = maxUploadBytes }
        if let maxJSONBytes { c.maxJSONBytes = maxJSONBytes }
        if let logLevel { c.logLevel = logLevel }
        if let webhooks { c.webhooks = webhooks }
        if let mllpAllowedPeers { c.mllpAllowedPeers = mllpAllowedPeers }
        if let mllpIdleTimeoutSeconds { c.mllpIdleTimeoutSeconds = mllpIdleTimeoutSeconds }
        if let dicom { c.dicom = dicom }
        return c
    }
}
