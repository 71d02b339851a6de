import Foundation

/// A throw-away `photogate serve` for `--spawn`: a temporary data directory, every port 0
/// (the addresses are read from its `pg.listener=… pg.address=HOST:PORT` log lines), a token
/// per role made with `photogate token create`, stopped by process id.
public final class SpawnedGateway: @unchecked Sendable {
    public let directory: String
    public let logPath: String
    public private(set) var configuration: RunConfiguration
    private let process = Process()

    public static let roles = ["admin", "integration", "uploader", "clinician", "communications", "privacy-officer"]

    /// Starts the gateway and waits (at most `startTimeout` seconds) until its three listeners are up.
    public init(photogate: String, mappings: String, callingAETitle: String = "PGCONFORMANCE", startTimeout: Double = 60) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("photogate-conformance-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        logPath = directory + "/serve.log"
        let dataDir = directory + "/data"
        let config = directory + "/photogate.yaml"
        // The runner's AE title is a known peer, so it may query (C-FIND) as a site's PACS would.
        try """
        dicom:
          peers:
            - {aeTitle: \(callingAETitle), host: 127.0.0.1, port: 104}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: photogate)
        process.arguments = ["serve", "--config", config, "--data-dir", dataDir, "--host", "127.0.0.1", "--http-port", "0",
                             "--mllp-port", "0", "--dicom-port", "0", "--mappings", mappings]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        configuration = RunConfiguration(target: "", tokens: [:], photogatePath: photogate)
        let deadline = Date().addingTimeInterval(startTimeout)
        var addresses: [String: RunConfiguration.Endpoint] = [:]
        while Date() < deadline {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            addresses = Self.listeners(in: text)
            if addresses.count == 3 { break }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let http = addresses["http"], let mllp = addresses["mllp"], let dicom = addresses["dicom"] else {
            stop()
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw ConformanceError("photogate serve did not start within \(Int(startTimeout)) s (log \(logPath)):\n" + text.suffix(2000))
        }
        var tokens: [String: String] = [:]
        for role in Self.roles {
            let out = try ChildProcess.run(photogate, ["token", "create", "--role", role, "--name", "conformance-\(role)",
                                                       "--config", config, "--data-dir", dataDir])
            guard out.status == 0 else {
                stop()
                throw ConformanceError("photogate token create --role \(role) failed: \(out.stderr)")
            }
            tokens[role] = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        tokens["default"] = tokens["admin"]
        configuration = RunConfiguration(target: "http://\(http)", tokens: tokens, mllp: mllp, dicom: dicom,
                                         callingAETitle: callingAETitle, photogatePath: photogate)
    }

    /// `pg.listener=mllp pg.address=127.0.0.1:40123` (either order) → endpoints by listener.
    static func listeners(in log: String) -> [String: RunConfiguration.Endpoint] {
        var out: [String: RunConfiguration.Endpoint] = [:]
        for line in log.split(separator: "\n") where line.contains("pg.listener=") {
            let fields = line.split(separator: " ")
            guard let name = fields.first(where: { $0.hasPrefix("pg.listener=") })?.dropFirst("pg.listener=".count),
                  let address = fields.first(where: { $0.hasPrefix("pg.address=") })?.dropFirst("pg.address=".count),
                  let endpoint = RunConfiguration.Endpoint(parsing: String(address)) else { continue }
            out[String(name)] = endpoint
        }
        return out
    }

    public var processIdentifier: Int32 { process.processIdentifier }

    /// SIGTERM (graceful), SIGKILL after 10 s; removes the temporary directory unless `keep`.
    public func stop(keep: Bool = false) {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        if !keep { try? FileManager.default.removeItem(atPath: directory) }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
