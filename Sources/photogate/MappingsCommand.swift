import ArgumentParser
import Foundation
import Mappings
import PhotoGateCore

/// `photogate mappings validate|explain`
struct MappingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mappings",
        abstract: "Check site mappings and see what they make of a message.",
        subcommands: [Validate.self, Explain.self]
    )

    static func directory(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["PHOTOGATE_MAPPINGS"] ?? "./Mappings"
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load and check a mappings directory; exits 1 with file:line on the first mistake.")

        @Argument(help: "The mappings directory (default: PHOTOGATE_MAPPINGS, else ./Mappings).")
        var directory: String?

        func run() throws {
            let dir = MappingsCommand.directory(directory)
            do {
                let m = try SiteMappings.load(directory: dir)
                print("\(dir): valid — \(m.identifiers.rules.count) identifier systems (MRN \(m.identifiers.mrnSystem)), "
                    + "\(m.death.rules.count) death rules, \(m.consent.channels.count) channels "
                    + "(\(m.consent.allChannels.map(\.rawValue).joined(separator: ", "))), \(m.bodySites.sites.count) body sites")
            } catch {
                throw CommandFailure.exit(error, command: "mappings validate")
            }
        }
    }
}
