import ArgumentParser
import Foundation
import Gateway
import PhotoGateCore
import Storage

/// `photogate token create --role ROLE --name NAME`
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API bearer tokens.",
        subcommands: [Create.self]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a bearer token; prints it once (only its SHA-256 is stored).")

        @OptionGroup var options: ConfigOptions

        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(help: "Who or what uses the token (shown in the audit trail).")
        var name: String

        func run() throws {
            do {
                guard let role = Role(rawValue: role) else {
                    throw PGError(.badRequest, "unknown role '\(role)' (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard !name.isEmpty, name.count <= 64 else { throw PGError(.badRequest, "name must be 1-64 characters") }
                let config = try options.load()
                try FileManager.default.createDirectory(atPath: config.dataDir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                let db = try AppDatabase(path: config.databasePath)
                let token = try db.writer.write { db in
                    let (token, id) = try TokenStore.create(db, name: name, role: role, at: Date())
                    try AuditLog.append(db, AuditEntry(at: Date(), actor: "cli", role: "admin", action: "token.create",
                                                       outcome: "success", detail: ["token": id, "name": name, "role": role.rawValue]))
                    return token
                }
                print(token)
            } catch {
                throw CommandFailure.exit(error, command: "token create")
            }
        }
    }
}
