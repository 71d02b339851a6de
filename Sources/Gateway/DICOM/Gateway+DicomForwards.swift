import Crypto
import DICOM
import Dispatch
import Foundation
import GRDB
import PhotoGateCore
import Storage

extension Gateway {
    /// Queues an object version for every forwarding rule that takes the asset's stream
    /// (`patientUpdate`: only rules that re-send rewritten objects). Caller's transaction.
    func enqueueForwards(_ db: Database, _ asset: Asset, version: Int, patientUpdate: Bool) throws {
        let now = clock()
        for rule in config.dicom.forwarding where rule.streams.contains(asset.stream) {
            if patientUpdate && !rule.resendOnPatientUpdate { continue }
            try DicomForwardStore.enqueue(db, DicomForward(id: newID(), assetID: asset.id, version: version,
                                                           destination: rule.destination, nextAttemptAt: now,
                                                           createdAt: now))
        }
    }

    /// Sends what is due, one association per destination; returns how many forwards were
    /// attempted. A destination that is down gets its forwards rescheduled with backoff; it
    /// never holds up anything else.
    @discardableResult
    public func forwardDue(limit: Int = 64) async throws -> Int {
        let now = clock()
        let due = try await database.reader.read { db in try DicomForwardStore.due(db, now: now, limit: limit) }
        guard !due.isEmpty else { return 0 }
        for (destination, forwards) in Dictionary(grouping: due, by: \.destination) {
            try await forward(forwards, to: destination)
        }
        return due.count
    }

    /// The earliest time a pending forward is due.
    func nextForwardDue() async throws -> Date? {
        try await database.reader.read { db in try DicomForwardStore.nextDue(db) }
    }

    private func forward(_ forwards: [DicomForward], to destination: String) async throws {
        guard let peer = config.dicom.peer(destination) else {
            try await recordAttempts(forwards, error: "destination \(destination) is no longer configured", giveUp: true)
            return
        }
        // The current version of each object, decrypted into the scratch directory.
        var files: [String: String] = [:]  // forward id -> path
        var gone: [DicomForward] = []
        defer { for path in files.values { unlink(path) } }
        for forward in forwards {
            guard let (_, blobIDs, key) = try await sealedObject(forward.assetID) else {
                gone.append(forward)
                continue
            }
            let path = scratchPath("fwd.dcm")
            try blobs.export(blobIDs.dicom, key: key, to: path)
            files[forward.id] = path
        }
        if !gone.isEmpty { try await recordAttempts(gone, error: "the asset was erased or its key destroyed", giveUp: true) }
        let sending = forwards.filter { files[$0.id] != nil }
        guard !sending.isEmpty else { return }
        let client = DicomClient(peer: DicomPeer(host: peer.host, port: UInt16(peer.port), aeTitle: peer.aeTitle),
                                 callingAETitle: config.dicomAETitle, connectTimeout: .seconds(5), acseTimeout: .seconds(10))
        let paths = sending.map { files[$0.id]! }
        let outcomes: [DicomStoreOutcome]
        do {
            outcomes = try await Self.blocking { try client.store(paths) }
        } catch {
            logger.warning("DICOM forwarding failed", metadata: ["pg.dicom.destination": "\(destination)",
                                                                 "pg.error": "\(error)"])
            try await recordAttempts(sending, error: "\(error)", giveUp: false)
            return
        }
        try await writer.write { db in
            let now = self.clock()
            for (forward, outcome) in zip(sending, outcomes) {
                if let status = outcome.status, status.isSuccessOrWarning {
                    try DicomForwardStore.markSent(db, id: forward.id, at: now)
                    try self.audit(db, nil, "dicom.forward", asset: forward.assetID,
                                   detail: ["destination": destination, "status": status.description])
                } else {
                    let error = outcome.status.map { "C-STORE status \($0)" } ?? outcome.problem ?? "not sent"
                    try DicomForwardStore.markAttempt(db, id: forward.id, error: error,
                                                      retryAt: self.retryTime(afterAttempts: forward.attempts + 1, now: now))
                }
            }
        }
    }

    private func recordAttempts(_ forwards: [DicomForward], error: String, giveUp: Bool) async throws {
        try await writer.write { db in
            let now = self.clock()
            for forward in forwards {
                try DicomForwardStore.markAttempt(db, id: forward.id, error: error,
                                                  retryAt: giveUp ? nil : self.retryTime(afterAttempts: forward.attempts + 1, now: now))
            }
        }
    }

    private func retryTime(afterAttempts attempts: Int, now: Date) -> Date? {
        config.dicom.retryDelay(afterAttempts: attempts).map { now.addingTimeInterval($0) }
    }

    /// The asset, its blobs and its key — nil when erased or the key is gone.
    func sealedObject(_ assetID: String) async throws -> (Asset, AssetBlobs, SymmetricKey)? {
        try await database.reader.read { db in
            guard let (asset, blobIDs) = try AssetRepository.find(db, id: assetID), asset.state != .erased,
                  let key = try self.keys.existingKey(db, patientID: blobIDs.keyOwner ?? asset.patientID)
            else { return nil }
            return (asset, blobIDs, key)
        }
    }

    /// Forwards for the API, newest first, with counts per destination and status.
    public func listForwards(status: DicomForward.Status?, destination: String?, limit: Int, by who: Principal)
        async throws -> (forwards: [DicomForward], summary: [(destination: String, status: String, count: Int)])
    {
        try await writer.write { db in
            try self.audit(db, who, "dicom.forwards.read")
            return (try DicomForwardStore.list(db, status: status, destination: destination, limit: limit),
                    try DicomForwardStore.summary(db))
        }
    }

    /// Puts failed forwards back in the queue.
    public func retryFailedForwards(destination: String?, by who: Principal) async throws -> Int {
        try await writer.write { db in
            let n = try DicomForwardStore.retryFailed(db, destination: destination, now: self.clock())
            try self.audit(db, who, "dicom.forwards.retry", detail: ["destination": destination ?? "*", "count": String(n)])
            return n
        }
    }

    /// Runs blocking work (DCMTK network calls) on a dispatch thread, never on the Swift
    /// concurrency pool.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
