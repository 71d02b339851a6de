import GRDB

/// Lets many concurrent writers share commits: writes that arrive while a transaction is
/// being committed are collected and run together in the next transaction, each in its own
/// savepoint (a failing write rolls back only itself). One commit = one fsync, so durable
/// writes stay cheap under load. Callers get their result only after the commit.
public actor GroupCommitWriter {
    private struct Job {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    private let writer: any DatabaseWriter
    private var pending: [Job] = []
    private var draining = false
    /// Most writes per transaction.
    private let maxBatch: Int

    public init(writer: any DatabaseWriter, maxBatch: Int = 256) {
        self.writer = writer
        self.maxBatch = maxBatch
    }

    /// Runs `work` in a transaction shared with other concurrent writes; returns after commit.
    public func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (c: CheckedContinuation<any Sendable, any Error>) in
            pending.append(Job(work: { try work($0) }, continuation: c))
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        return result as! T
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let works = batch.map(\.work)
            do {
                let results = try await writer.write { db -> [Result<any Sendable, any Error>] in
                    works.map { work in
                        do {
                            var value: (any Sendable)?
                            try db.inSavepoint {
                                value = try work(db)
                                return .commit
                            }
                            return .success(value!)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            } catch {
                for job in batch { job.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
