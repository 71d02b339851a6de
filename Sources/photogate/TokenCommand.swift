import ArgumentParser
import Foundation
import Gateway
import PhotoGateCore
import Storage

/// `photogate token create --role ROLE --name NAME`, `token list`, `token revoke ID`
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API bearer tokens.",
        subcommands: [Create.self, List.self, Revoke.self]
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

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens: id, role, name, created, revoked (never the secrets).")

        @OptionGroup var options: ConfigOptions

        func run() throws {
            do {
                let db = try AppDatabase(path: try options.load().databasePath)
                let tokens = try db.writer.read { try TokenStore.list($0) }
                print(["id", "role", "name", "created", "revoked"].joined(separator: "\t"))
                for t in tokens {
                    print([t.id, t.role, t.name, CivilDate.instant(t.createdAt), t.revokedAt.map { CivilDate.instant($0) } ?? "-"].joined(separator: "\t"))
                }
            } catch {
                throw CommandFailure.exit(error, command: "token list")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by its id (from `token list`); a running gateway refuses it within a second.")

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The token's id.")
        var id: String

        func run() throws {
            do {
                let db = try AppDatabase(path: try options.load().databasePath)
                let revoked = try db.writer.write { db -> TokenStore.Listed? in
                    guard let token = try TokenStore.revoke(db, id: id, at: Date()) else { return nil }
                    try AuditLog.append(db, AuditEntry(at: Date(), actor: "cli", role: "admin", action: "token.revoke",
                                                       outcome: "success", detail: ["token": token.id, "name": token.name]))
                    return token
                }
                guard let revoked else { throw PGError(.notFound, "no token with id \(id) (see photogate token list)") }
                print("revoked \(revoked.id) (\(revoked.role), \(revoked.name))")
            } catch {
                throw CommandFailure.exit(error, command: "token revoke")
            }
        }
    }
}
