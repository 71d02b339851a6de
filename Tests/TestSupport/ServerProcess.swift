import Foundation

/// A `photogate serve` process started by a test on free ports, stopped by process id.
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public let dataDir: String
    public let logPath: String
    public private(set) var httpPort = 0
    public private(set) var mllpPort = 0
    public private(set) var dicomPort = 0

    /// Starts the server and waits until it logs its HTTP listener (at most 30 s).
    public init(dataDir: String, config: String? = nil, environment: [String: String] = [:],
                mappingsDir: String = Fixtures.root.appendingPathComponent("Mappings").path) throws {
        self.dataDir = dataDir
        logPath = dataDir + ".log"
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: Tool.photogate)
        var args = ["serve", "--data-dir", dataDir, "--http-port", "0", "--mllp-port", "0",
                    "--dicom-port", "0", "--mappings", mappingsDir]
        if let config { args += ["--config", config] }
        process.arguments = args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let port = Self.port(in: log), let mllp = Self.port(in: log, listener: "mllp"),
               let dicom = Self.port(in: log, listener: "dicom") {
                httpPort = port
                mllpPort = mllp
                dicomPort = dicom
                return
            }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw NSError(domain: "ServerProcess", code: 1, userInfo: [NSLocalizedDescriptionKey:
            "photogate serve did not start: " + ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")])
    }

    /// `pg.address=127.0.0.1:PORT pg.listener=http`
    static func port(in log: String, listener: String = "http") -> Int? {
        for line in log.split(separator: "\n") where line.contains("pg.listener=\(listener)") {
            if let range = line.range(of: #"pg\.address=[^ ]*:(\d+)"#, options: .regularExpression) {
                return Int(line[range].split(separator: ":").last!)
            }
        }
        return nil
    }

    public var baseURL: String { "http://127.0.0.1:\(httpPort)" }

    /// SIGTERM and wait (graceful shutdown).
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// SIGKILL: the crash case.
    public func crash() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { crash() }

    /// Creates a token with the CLI.
    public func token(role: String, name: String) throws -> String {
        let out = try Tool.run(Tool.photogate, ["token", "create", "--role", role, "--name", name, "--data-dir", dataDir])
        guard out.status == 0 else { throw NSError(domain: "token", code: Int(out.status), userInfo: [NSLocalizedDescriptionKey: out.stderr]) }
        return out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
