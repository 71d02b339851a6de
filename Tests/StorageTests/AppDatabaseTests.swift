import GRDB
import Storage
import TestSupport
import Testing

struct AppDatabaseTests {
    /// GRDB turns the pool's writer to `synchronous = NORMAL` when it enables WAL; a commit
    /// is durable (survives a power loss) only with FULL, which syncs the WAL at every commit
    /// (sqlite.org/pragma.html#pragma_synchronous).
    @Test func theWriterSyncsEveryCommit() async throws {
        let db = try AppDatabase(path: try Fixtures.scratchDirectory() + "/pg.sqlite")
        let (mode, journal) = try await db.writer.writeWithoutTransaction { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(mode == 2)
        #expect(journal == "wal")
    }
}
