import ArgumentParser
import Foundation
import Gateway
import PhotoGateCore

/// Options shared by the commands that work on a data directory.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Configuration file (default: ./photogate.yaml when it exists).")
    var config: String?

    @Option(help: "Data directory (default ./data).")
    var dataDir: String?

    /// Defaults < YAML file < PHOTOGATE_* environment < these options.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GatewayConfig {
        var result = GatewayConfig()
        if let config {
            result = try GatewayConfig.load(yamlFile: config)
        } else if FileManager.default.fileExists(atPath: "photogate.yaml") {
            result = try GatewayConfig.load(yamlFile: "photogate.yaml")
        }
        try result.applyEnvironment(environment)
        if let dataDir { result.dataDir = dataDir }
        return result
    }
}
