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

    @Test func aRecordAboutManyAssetsIsChainedAndFoundThroughEachOfThem() throws {
        let db = try filled(3)
        try db.writer.write { db in
            try AuditLog.append(db, AuditEntry(at: Date(timeIntervalSince1970: 1_700_001_000), actor: "adt", role: "integration",
                                               action: "asset.state", patientID: "p9", outcome: "success",
                                               detail: ["cause": "patient-deceased"]), assets: ["x1", "x2", "x3"])
        }
        try db.writer.read { db in
            #expect(try AuditLog.verify(db).breach == nil)
            for asset in ["x1", "x3"] {
                let found = try AuditLog.entries(db, assetID: asset)
                #expect(found.map(\.seq) == [4])
                #expect(found.first?.detail[AuditLog.assetsDetail] == "x1 x2 x3")
            }
            var q = AuditLog.Query()
            q.assetIDs = ["x2", "a0"]
            #expect(try AuditLog.search(db, q, entityRequested: true, limit: 10, offset: 0).records.map(\.entry.seq) == [4, 1])
            #expect(try AuditLog.entries(db, assetID: "x4").isEmpty)
        }
        // The list is part of the chained content: dropping a photo from it is found
        try db.writer.write { try $0.execute(sql: "UPDATE audit SET detail = replace(detail, 'x1 ', '') WHERE seq = 4") }
        #expect(try db.writer.read { try AuditLog.verify($0) }.breach?.seq == 4)
    }

    /// Records without an asset stay out of the asset index (migration v5), and a search by
    /// asset still goes through it rather than scanning the trail.
    @Test func searchesByAssetUseThePartialAssetIndex() throws {
        let db = try filled(20)
        try db.writer.write { db in
            try AuditLog.append(db, AuditEntry(at: Date(timeIntervalSince1970: 1_700_002_000), actor: "mllp", role: "integration",
                                               action: "patient.update", patientID: "p1", outcome: "success", detail: [:]))
        }
        try db.writer.read { db in
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT seq FROM audit WHERE assetId = ?", arguments: ["a3"])
                .map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("INDEX audit_on_assetId (assetId=?)") }, "\(plan)")
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'audit_on_assetId'")
            #expect(definition?.hasSuffix("WHERE assetId IS NOT NULL") == true, "\(definition ?? "no index")")
            #expect(try AuditLog.entries(db, assetID: "a3").map(\.seq) == [4])
        }
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
