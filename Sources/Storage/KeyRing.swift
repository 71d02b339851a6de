import Crypto
import Foundation
import GRDB
import PhotoGateCore

/// Envelope encryption keys: one random AES-256 data key per patient, stored wrapped
/// (AES-256-GCM) by the master key. Destroying a patient's data key makes every blob of that
/// patient unreadable (crypto-shredding).
public final class KeyRing: Sendable {
    private let master: SymmetricKey
    private let cache = LockedDictionary<String, SymmetricKey>()

    public init(master: SymmetricKey) {
        self.master = master
    }

    /// The data key of a patient, created (inside the caller's transaction) when missing.
    public func dataKey(_ db: Database, patientID: String, at: Date) throws -> SymmetricKey {
        if let key = cache[patientID] { return key }
        if let row = try Row.fetchOne(db, sql: "SELECT wrapped FROM dataKey WHERE patientId = ?", arguments: [patientID]) {
            guard let wrapped: Data = row["wrapped"] else {
                throw PGError(.keyUnavailable, "the data key of this patient was destroyed")
            }
            let key = try unwrap(wrapped, patientID: patientID)
            cache[patientID] = key
            return key
        }
        let key = SymmetricKey(size: .bits256)
        let wrapped = try wrap(key, patientID: patientID)
        try db.execute(sql: "INSERT INTO dataKey (patientId, wrapped, createdAt) VALUES (?, ?, ?)",
                       arguments: [patientID, wrapped, at])
        cache[patientID] = key
        return key
    }

    /// Makes `key` the data key of a patient that has none yet, inside the caller's
    /// transaction: blobs sealed before the transaction that creates the patient (a FHIR
    /// transaction with a new Patient and its photo) use a key made up front. When the patient
    /// has a key already it must be this one (else a conflict: the blobs were sealed with a
    /// key that lost a race; retry).
    public func adopt(_ db: Database, patientID: String, key: SymmetricKey, at: Date) throws {
        if let row = try Row.fetchOne(db, sql: "SELECT wrapped FROM dataKey WHERE patientId = ?", arguments: [patientID]) {
            guard let wrapped: Data = row["wrapped"] else {
                throw PGError(.keyUnavailable, "the data key of this patient was destroyed")
            }
            let existing = try unwrap(wrapped, patientID: patientID)
            guard existing == key else {
                throw PGError(.conflict, "the patient's data key was created concurrently; retry")
            }
            return
        }
        try db.execute(sql: "INSERT INTO dataKey (patientId, wrapped, createdAt) VALUES (?, ?, ?)",
                       arguments: [patientID, try wrap(key, patientID: patientID), at])
        cache[patientID] = key
    }

    /// An existing data key (nil when the patient has none or it was destroyed).
    public func existingKey(_ db: Database, patientID: String) throws -> SymmetricKey? {
        if let key = cache[patientID] { return key }
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM dataKey WHERE patientId = ?",
                                              arguments: [patientID]) else { return nil }
        let key = try unwrap(wrapped, patientID: patientID)
        cache[patientID] = key
        return key
    }

    /// Crypto-shredding: forgets the patient's data key for good.
    public func destroy(_ db: Database, patientID: String, at: Date) throws {
        try db.execute(sql: "UPDATE dataKey SET wrapped = NULL, destroyedAt = ? WHERE patientId = ?",
                       arguments: [at, patientID])
        cache[patientID] = nil
    }

    /// Drops cached keys (after a transaction that created keys was rolled back).
    public func forget(patientID: String) { cache[patientID] = nil }

    private func wrap(_ key: SymmetricKey, patientID: String) throws -> Data {
        let raw = key.withUnsafeBytes { Data($0) }
        let sealed = try AES.GCM.seal(raw, using: master, authenticating: Data(patientID.utf8))
        return sealed.combined!
    }

    private func unwrap(_ wrapped: Data, patientID: String) throws -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            return SymmetricKey(data: try AES.GCM.open(box, using: master, authenticating: Data(patientID.utf8)))
        } catch {
            throw PGError(.keyUnavailable, "cannot unwrap a data key: wrong master key?")
        }
    }
}

/// A dictionary behind a lock.
final class LockedDictionary<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()

    subscript(key: Key) -> Value? {
        get { lock.withLock { storage[key] } }
        set { lock.withLock { storage[key] = newValue } }
    }
}
