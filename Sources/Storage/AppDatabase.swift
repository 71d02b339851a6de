import Foundation
import GRDB
import Logging
import PhotoGateCore

/// Owns the SQLite database of a data directory (GRDB `DatabasePool`, WAL mode).
///
/// Durability: `synchronous = FULL`, so a committed transaction survives a power loss; the
/// ``GroupCommitWriter`` lets concurrent writers share one commit (and one fsync).
public struct AppDatabase: Sendable {
    public let writer: any DatabaseWriter
    /// Checkpoints the WAL off the writer (nil for an in-memory database).
    public let checkpointer: WALCheckpointer?

    /// Opens (creating when needed) the database file and runs the migrations.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL + FULL: every commit is fsynced before write() returns (SQLite docs, "PRAGMA synchronous").
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Savepoints (every group-committed write has one) keep their undo pages in memory
            // instead of spilling them to a temporary file: a death notice changes thousands of
            // rows inside one (sqlite.org/tempfiles.html, "Statement Journal Files").
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // The WALCheckpointer checkpoints in the background; the writer only past this size.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.fallbackPages)")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            // GRDB sets `synchronous = NORMAL` on the pool's writer after `prepareDatabase`
            // when it turns WAL on (Database.setUpWALMode): commits would then reach the disk
            // only at checkpoints, and a power loss could take acknowledged messages with it.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                guard try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2 else {
                    throw PGError(.outputWriteFailed, "SQLite refused synchronous = FULL for \(path)")
                }
            }
            try Self.migrator.migrate(pool)
            writer = pool
            checkpointer = try WALCheckpointer(path: path)
        } catch let error as PGError {
            throw error
        } catch {
            throw PGError(.outputWriteFailed, "cannot open the database \(path): \(error)")
        }
    }

    /// A database for tests and tools that need no file (in-memory, same migrations).
    public init(inMemory: Void) throws {
        let queue = try DatabaseQueue()
        try Self.migrator.migrate(queue)
        writer = queue
        checkpointer = nil
    }

    public var reader: any DatabaseReader { writer }
}
