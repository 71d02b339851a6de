import Crypto
import Foundation
import GRDB
import PhotoGateCore
import Storage
import TestSupport
import Testing

struct BlobStoreTests {
    func store() throws -> BlobStore { try BlobStore(root: try Fixtures.scratchDirectory() + "/blobs") }

    static func bytes(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test(arguments: [0, 1, 1000, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 12345])
    func roundTripsAnySize(size: Int) throws {
        let blobs = try store()
        let key = SymmetricKey(size: .bits256)
        let plain = Self.bytes(size)
        let id = try blobs.put(plain, key: key)
        #expect(try blobs.get(id, key: key) == plain)
    }

    @Test func storesNoPlaintext() throws {
        let blobs = try store()
        let marker = Array("JFIF-PLAINTEXT-MARKER".utf8)
        let id = try blobs.put(marker + Self.bytes(5000), key: SymmetricKey(size: .bits256))
        let raw = try Array(Data(contentsOf: URL(fileURLWithPath: blobs.root + "/\(id.prefix(2))/\(id)")))
        #expect(!raw.indices.dropLast(marker.count).contains { raw[$0..<$0 + marker.count].elementsEqual(marker) })
    }

    @Test func refusesAWrongKeyAndTamperedOrTruncatedData() throws {
        let blobs = try store()
        let key = SymmetricKey(size: .bits256)
        let plain = Self.bytes(3 * (1 << 20))
        let id = try blobs.put(plain, key: key)
        #expect(throws: PGError.self) { try blobs.get(id, key: SymmetricKey(size: .bits256)) }
        let path = blobs.root + "/\(id.prefix(2))/\(id)"
        var raw = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        // truncated after the first chunk: must not decrypt as a shorter blob
        try Data(raw.prefix(20 + (1 << 20) + 16)).write(to: URL(fileURLWithPath: path))
        #expect(throws: PGError.self) { try blobs.get(id, key: key) }
        raw[100] ^= 0x01
        try Data(raw).write(to: URL(fileURLWithPath: path))
        #expect(throws: PGError.self) { try blobs.get(id, key: key) }
    }

    @Test func streamsFromAFile() throws {
        let dir = try Fixtures.scratchDirectory()
        let plain = Self.bytes(2 * (1 << 20) + 5)
        try Data(plain).write(to: URL(fileURLWithPath: dir + "/in.bin"))
        let blobs = try BlobStore(root: dir + "/blobs")
        let key = SymmetricKey(size: .bits256)
        let id = try blobs.put(file: dir + "/in.bin", key: key)
        try blobs.export(id, key: key, to: dir + "/out.bin")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: dir + "/out.bin"))) == plain)
    }

    @Test func destroyingAPatientKeyMakesItsBlobsUnreadable() throws {
        let db = try AppDatabase(inMemory: ())
        let ring = KeyRing(master: SymmetricKey(size: .bits256))
        let blobs = try store()
        let now = Date()
        try db.writer.write { db in
            try PatientRepository.insert(db, Patient(id: "p1", identifiers: [], updatedAt: now))
        }
        let key = try db.writer.write { try ring.dataKey($0, patientID: "p1", at: now) }
        let id = try blobs.put(Self.bytes(100), key: key)
        try db.writer.write { try ring.destroy($0, patientID: "p1", at: now) }
        #expect(throws: PGError.self) { try db.writer.read { try ring.dataKey($0, patientID: "p1", at: now) } }
        #expect(try db.writer.read { try ring.existingKey($0, patientID: "p1") } == nil)
        _ = id
    }

    @Test func dataKeysSurviveAReopenWithTheSameMasterKey() throws {
        let path = try Fixtures.scratchDirectory() + "/pg.sqlite"
        let master = SymmetricKey(size: .bits256)
        let now = Date()
        let key1 = try AppDatabase(path: path).writer.write { try KeyRing(master: master).dataKey($0, patientID: "p", at: now) }
        let key2 = try AppDatabase(path: path).writer.read { try KeyRing(master: master).existingKey($0, patientID: "p") }
        #expect(key1 == key2)
        #expect(throws: PGError.self) {
            try AppDatabase(path: path).writer.read { try KeyRing(master: SymmetricKey(size: .bits256)).existingKey($0, patientID: "p") }
        }
    }
}
