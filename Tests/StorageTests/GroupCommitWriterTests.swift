import Foundation
import GRDB
import PhotoGateCore
@testable import Storage
import TestSupport
import Testing

struct GroupCommitWriterTests {
    @Test func concurrentWritesAllCommitAndAFailingOneRollsBackAlone() async throws {
        let db = try AppDatabase(path: try Fixtures.scratchDirectory() + "/pg.sqlite")
        let writer = GroupCommitWriter(writer: db.writer)
        let now = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    do {
                        try await writer.write { db in
                            try PatientRepository.insert(db, Patient(id: "p\(i)", identifiers: [Identifier(system: "mrn", value: "\(i)")], updatedAt: now))
                            if i % 50 == 0 { throw PGError(.conflict, "refused") }
                        }
                    } catch let error as PGError {
                        #expect(error.code == .conflict && i % 50 == 0)
                    }
                }
            }
            try await group.waitForAll()
        }
        let count = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM patient") }
        #expect(count == 196)
        let ids = try await db.writer.read { try String.fetchAll($0, sql: "SELECT patientId FROM patientIdentifier") }
        #expect(!ids.contains("p0") && !ids.contains("p50") && ids.contains("p1"))
    }

    /// When SQLite ends the transaction in the middle of a batch (as it does on SQLITE_FULL or
    /// SQLITE_IOERR; a job's own ROLLBACK stands in for that here), no later write of the batch
    /// may run, and commit, outside it: every caller told "success" has its row, and no caller
    /// told "failed" does.
    @Test func aTransactionEndedMidBatchCommitsNothingBehindItsCallersBacks() async throws {
        let db = try AppDatabase(path: try Fixtures.scratchDirectory() + "/pg.sqlite")
        let writer = GroupCommitWriter(writer: db.writer)
        let now = Date()
        @Sendable func insert(_ i: Int) -> @Sendable (Database) throws -> Void {
            { db in
                try PatientRepository.insert(db, Patient(id: "p\(i)", identifiers: [Identifier(system: "mrn", value: "\(i)")], updatedAt: now))
                if i == 10 { try db.execute(sql: "ROLLBACK") }
            }
        }
        let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            // The first write holds the writer while the others queue up into one batch.
            group.addTask {
                try await writer.write { db in
                    Thread.sleep(forTimeInterval: 0.3)
                    try insert(0)(db)
                }
                return (0, true)
            }
            try await Task.sleep(for: .milliseconds(50))
            for i in 1..<20 {
                group.addTask {
                    do { try await writer.write(insert(i)); return (i, true) } catch { return (i, false) }
                }
            }
            return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        let stored = Set(try await db.writer.read { try String.fetchAll($0, sql: "SELECT id FROM patient") })
        for (i, succeeded) in outcomes {
            #expect(succeeded == stored.contains("p\(i)"), "write \(i): caller told \(succeeded ? "success" : "failure")")
        }
        #expect(outcomes[10] == false)
    }

    @Test func theWriterThreadEndsWhenIdleAndComesBackForNewWork() async throws {
        let db = try AppDatabase(path: try Fixtures.scratchDirectory() + "/pg.sqlite")
        let writer = GroupCommitWriter(writer: db.writer)
        let now = Date()
        for round in 0..<3 {
            try await writer.write { try PatientRepository.insert($0, Patient(id: "p\(round)", identifiers: [Identifier(system: "mrn", value: "\(round)")], updatedAt: now)) }
            // The thread ends after its idle lifetime (polled: a loaded machine may be slow to run it).
            var waited = 0.0
            while writer.hasThread, waited < 5 {
                try await Task.sleep(for: .seconds(GroupCommitWriter.idleLifetime))
                waited += GroupCommitWriter.idleLifetime
            }
            #expect(!writer.hasThread)
        }
        #expect(writer.statistics.commits == 3)
        let count = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM patient") }
        #expect(count == 3)
    }

    @Test func theSchedulerQueriesUseTheirPartialIndexes() throws {
        let db = try AppDatabase(inMemory: ())
        let plans = try db.writer.read { db in
            try ["expiringDueAt", "expiredDueAt"].map { column -> String in
                let raised = column == "expiringDueAt" ? "expiringRaisedAt" : "expiredRaisedAt"
                return try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT * FROM consent WHERE \(raised) IS NULL AND \(column) IS NOT NULL AND \(column) <= ?
                    ORDER BY \(column) LIMIT 10
                    """, arguments: [Date()]).map { $0["detail"] as String? ?? "" }.joined(separator: "; ")
            }
        }
        #expect(plans[0].contains("consent_expiring_due"), "\(plans[0])")
        #expect(plans[1].contains("consent_expired_due"), "\(plans[1])")
    }
}
