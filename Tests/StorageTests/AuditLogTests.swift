import Foundation
import GRDB
import PhotoGateCore
import Storage
import Testing

struct AuditLogTests {
    func filled(_ n: Int) throws -> AppDatabase {
        let db = try AppDatabase(inMemory: ())
        try db.writer.write { db in
            for i in 0..<n {
                try AuditLog.append(db, AuditEntry(at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i) * 1.2345),
                                                   actor: "nurse-\(i % 3)", role: "uploader", action: "asset.create",
                                                   patientID: "p\(i)", assetID: "a\(i)", outcome: "success",
                                                   detail: ["n": "\(i)", "line": "a\nb\\c"]))
            }
        }
        return db
    }

    @Test func anIntactChainVerifies() throws {
        let db = try filled(50)
        let result = try db.writer.read { try AuditLog.verify($0) }
        #expect(result.checked == 50)
        #expect(result.breach == nil)
    }

    @Test func alteringARecordIsFoundAtThatRecord() throws {
        let db = try filled(20)
        try db.writer.write { try $0.execute(sql: "UPDATE audit SET outcome = 'denied' WHERE seq = 7") }
        #expect(try db.writer.read { try AuditLog.verify($0) }.breach?.seq == 7)
    }

    @Test func removingARecordIsFound() throws {
        let db = try filled(20)
        try db.writer.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 12") }
        #expect(try db.writer.read { try AuditLog.verify($0) }.breach?.seq == 12)
    }

    @Test func rewritingARecordWithAFreshHashBreaksTheNextLink() throws {
        let db = try filled(20)
        // An attacker who recomputes the altered record's own hash still breaks record 10's link.
        try db.writer.write { db in
            try db.execute(sql: "UPDATE audit SET actor = 'someone-else', hash = ? WHERE seq = 9",
                           arguments: [String(repeating: "a", count: 64)])
        }
        let breach = try db.writer.read { try AuditLog.verify($0) }.breach
        #expect(breach?.seq == 9)
    }

    @Test func swappingTwoRecordsIsFound() throws {
        let db = try filled(10)
        try db.writer.write { db in
            try db.execute(sql: "UPDATE audit SET seq = 1000 WHERE seq = 4")
            try db.execute(sql: "UPDATE audit SET seq = 4 WHERE seq = 5")
            try db.execute(sql: "UPDATE audit SET seq = 5 WHERE seq = 1000")
        }
        #expect(try db.writer.read { try AuditLog.verify($0) }.breach?.seq == 4)
    }
}
