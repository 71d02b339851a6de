import Foundation
import GRDB
import PhotoGateCore
import Storage
import TestSupport
import Testing

struct WALCheckpointerTests {
    @Test func aCheckpointCopiesEveryCommittedFrameWhileTheWriterKeepsWriting() async throws {
        // Given a database with committed writes in its WAL
        let db = try AppDatabase(path: try Fixtures.scratchDirectory() + "/pg.sqlite")
        let checkpointer = try #require(db.checkpointer)
        let writer = GroupCommitWriter(writer: db.writer)
        let now = Date()
        for i in 0..<50 {
            try await writer.write { try PatientRepository.insert($0, Patient(id: "p\(i)", identifiers: [Identifier(system: "mrn", value: "\(i)")], updatedAt: now)) }
        }
        // When the checkpointer runs, with a write going on at the same time
        async let more: Void = writer.write {
            try PatientRepository.insert($0, Patient(id: "late", identifiers: [Identifier(system: "mrn", value: "late")], updatedAt: now))
        }
        let first = try #require(await checkpointer.checkpointIfIdle())
        try await more
        let second = try #require(await checkpointer.checkpointIfIdle())
        // Then every frame of the WAL is in the database file, and nothing is lost
        #expect(first.walFrames > 0 && second.checkpointed == second.walFrames)
        let count = try await db.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM patient") }
        #expect(count == 51)
    }
}
