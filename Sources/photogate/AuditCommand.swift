import ArgumentParser
import Foundation
import Gateway
import PhotoGateCore
import Storage

/// `photogate audit verify`
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit trail.",
        subcommands: [Verify.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the hash chain; exits 1 and names the first bad record if any was altered, removed or reordered.")

        @OptionGroup var options: ConfigOptions

        func run() throws {
            let result: (checked: Int, breach: AuditLog.Breach?)
            do {
                let config = try options.load()
                guard FileManager.default.fileExists(atPath: config.databasePath) else {
                    throw PGError(.inputUnreadable, "no database at \(config.databasePath)")
                }
                result = try AppDatabase(path: config.databasePath).reader.read { try AuditLog.verify($0) }
            } catch {
                throw CommandFailure.exit(error, command: "audit verify")
            }
            if let breach = result.breach {
                FileHandle.standardError.write(Data("photogate audit verify: audit trail broken at \(breach) (\(result.checked) records before it are intact)\n".utf8))
                throw ExitCode(1)
            }
            print("audit trail intact: \(result.checked) records")
        }
    }
}
