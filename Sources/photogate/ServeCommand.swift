import ArgumentParser
import DICOM
import Foundation
import Gateway
import Logging
import PhotoGateCore
import Storage

/// `photogate serve`: the gateway on embedded defaults.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway (HTTP API; SQLite and encrypted blobs in the data directory).",
        discussion: "Every setting also comes from photogate.yaml or PHOTOGATE_* variables; see docs/configuration.md."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "HTTP port (default 8080; 0 picks a free port).")
    var httpPort: Int?

    @Option(help: "MLLP port for HL7 v2 (default 2575; 0 picks a free port).")
    var mllpPort: Int?

    @Option(help: "DICOM (DIMSE) port (default 11112; 0 picks a free port).")
    var dicomPort: Int?

    @Option(help: "Mappings directory (default ./Mappings).")
    var mappings: String?

    func run() async throws {
        umask(0o077)  // database, key and blobs readable by the gateway's user only
        let config: GatewayConfig
        do {
            var c = try options.load()
            if let host { c.host = host }
            if let httpPort { c.httpPort = httpPort }
            if let mllpPort { c.mllpPort = mllpPort }
            if let dicomPort { c.dicomPort = dicomPort }
            if let mappings { c.mappings = mappings }
            try c.validate()
            config = c
        } catch {
            throw CommandFailure.exit(error, command: "serve")
        }
        let level = Logger.Level(rawValue: config.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "photogate")
        let gateway: Gateway
        do {
            // Before any thread: DCMTK reads TCP_NODELAY from the environment.
            try DicomToolkit.initialize()
            gateway = try Gateway(config: config, logger: logger)
        } catch {
            throw CommandFailure.exit(error, command: "serve")
        }
        switch gateway.masterKeyOrigin {
        case .createdFile(let path):
            logger.notice("created a new master key file (mode 0600): back it up; without it the stored photos cannot be read",
                          metadata: ["pg.keyFile": "\(path)"])
        case .file(let path): logger.info("master key from file", metadata: ["pg.keyFile": "\(path)"])
        case .environment: logger.info("master key from PHOTOGATE_MASTER_KEY")
        }
        logger.info("data directory", metadata: ["pg.dataDir": "\(config.dataDir)"])
        let listeners = ListenerRegistry()
        await listeners.expect("http")
        await listeners.expect("mllp")
        await listeners.expect("dicom")
        let app = buildApplication(gateway: gateway, listeners: listeners)
        try await app.runService()
    }
}
