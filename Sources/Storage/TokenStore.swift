import Crypto
import Foundation
import GRDB
import PhotoGateCore

/// Row of `token`.
struct TokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "token"

    var id: String
    var name: String
    var role: String
    var hash: String
    var createdAt: Date
    var revokedAt: Date?
}

/// Who a valid bearer token belongs to.
public struct Principal: Sendable, Equatable {
    public let tokenID: String
    public let name: String
    public let role: Role

    public init(tokenID: String, name: String, role: Role) {
        self.tokenID = tokenID
        self.name = name
        self.role = role
    }
}

/// Bearer tokens: 32 random bytes, shown once; only their SHA-256 is stored.
public enum TokenStore {
    /// Creates a token and returns its secret value (`pg_…`), which is never stored.
    public static func create(_ db: Database, name: String, role: Role, at: Date) throws -> (token: String, id: String) {
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let token = "pg_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let id = UUID().uuidString.lowercased()
        try TokenRecord(id: id, name: name, role: role.rawValue, hash: hash(token), createdAt: at).insert(db)
        return (token, id)
    }

    /// The principal of the token whose SHA-256 (hex) is `hash`, or nil when unknown or revoked.
    public static func principal(_ db: Database, hash: String) throws -> Principal? {
        guard let record = try TokenRecord.filter(Column("hash") == hash).fetchOne(db),
              record.revokedAt == nil, let role = Role(rawValue: record.role)
        else { return nil }
        return Principal(tokenID: record.id, name: record.name, role: role)
    }

    /// A stored token, without its secret (which is never stored).
    public struct Listed: Sendable, Equatable {
        public let id: String
        public let name: String
        public let role: String
        public let createdAt: Date
        public let revokedAt: Date?

        init(_ r: TokenRecord) {
            (id, name, role, createdAt, revokedAt) = (r.id, r.name, r.role, r.createdAt, r.revokedAt)
        }
    }

    /// Every token, oldest first.
    public static func list(_ db: Database) throws -> [Listed] {
        try TokenRecord.order(Column("createdAt"), Column("id")).fetchAll(db).map(Listed.init)
    }

    /// Revokes the token with this id (once: a revoked token keeps its first revocation time).
    /// - Returns: the token, or nil when there is none with this id.
    public static func revoke(_ db: Database, id: String, at: Date) throws -> Listed? {
        guard var record = try TokenRecord.fetchOne(db, key: id) else { return nil }
        if record.revokedAt == nil {
            record.revokedAt = at
            try record.update(db)
        }
        return Listed(record)
    }

    public static func hash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }
}
