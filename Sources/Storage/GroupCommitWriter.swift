import GRDB

/// Lets many concurrent writers share commits: writes that arrive while a transaction is
/// being committed are collected and run together in the next transaction, each in its own
/// savepoint (a failing write rolls back only itself). One commit = one fsync, so durable
/// writes stay cheap under load. Callers get their result only after the commit.
///
/// Clients that keep one request in flight each (MLLP senders waiting for their ACK, HTTP
/// clients) come back right after their commit, a few at a time. Starting the next commit as
/// soon as the first is back would leave the others for the commit after, halving what each
/// fsync carries. So, like PostgreSQL's `commit_delay`, when the last commit cost more than the
/// writes it carried and over a millisecond (a slow disk), the next commit waits briefly for as many writers as were
/// active around the last one (those it carried and those that queued meanwhile) — at most as
/// long as the last commit's own cost (waiting longer would cost more than sharing saves),
/// never over 2 ms, and only right after a commit (an idle writer starts at once). On a fast
/// disk it does not wait: the writer then overlaps with the clients preparing their next
/// writes. Durability is unchanged: every caller still resumes only after its transaction is
/// committed.
public actor GroupCommitWriter {
    private struct Job {
        let work: @Sendable (Database) throws -> any Sendable
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// How much sharing happened: transactions committed, and the writes they carried.
    public struct Statistics: Sendable, Equatable {
        public var commits = 0
        public var writes = 0
        /// Time spent running the writes (inside transactions, commits excluded).
        public var working = Duration.zero
        /// Time from starting a transaction to its commit returning, writes included.
        public var committing = Duration.zero
    }

    private let writer: any DatabaseWriter
    private var pending: [Job] = []
    private var draining = false
    /// Most writes per transaction.
    private let maxBatch: Int
    public private(set) var statistics = Statistics()

    /// Writers active around the last commit.
    private var population = 1
    private var lastCommitEnd: ContinuousClock.Instant?
    /// What the last commit cost beyond its writes' own work: the commit itself (the fsync)
    /// and getting on and off the writer's queue. Waiting longer than that to share a commit
    /// would cost more than it saves.
    private var lastCommitOverhead = Duration.zero
    /// What the last commit's writes took.
    private var lastCommitWork = Duration.zero
    /// The drain loop waiting for `gatherTarget` pending writes, and which wait it is.
    private var gathering: CheckedContinuation<Void, Never>?
    private var gatherTarget = 0
    private var gatherGeneration = 0

    /// Checkpoints the WAL every ``checkpointEvery`` commits, off the writer.
    private let checkpointer: WALCheckpointer?
    private var commitsSinceCheckpoint = 0
    /// About 1,000 pages of WAL at a handful of pages per commit: SQLite's own default size.
    static let checkpointEvery = 128
    /// …or after this many changed rows: a few large commits (a death notice changes a row per
    /// photo) would otherwise fill the WAL to the writer's own fallback checkpoint, which then
    /// copies it all inside a commit (the death notice's ACK p99 was three times its p50).
    static let checkpointAfterChanges = 2_000
    private var changesSinceCheckpoint = 0

    public init(writer: any DatabaseWriter, checkpointer: WALCheckpointer? = nil, maxBatch: Int = 256) {
        self.writer = writer
        self.checkpointer = checkpointer
        self.maxBatch = maxBatch
    }

    /// Runs `work` in a transaction shared with other concurrent writes; returns after commit.
    public func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (c: CheckedContinuation<any Sendable, any Error>) in
            pending.append(Job(work: { try work($0) }, continuation: c))
            if gathering != nil, pending.count >= gatherTarget { endGathering() }
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
        return result as! T
    }

    private func drain() async {
        while !pending.isEmpty {
            await gatherSiblings()
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let works = batch.map(\.work)
            let start = ContinuousClock.now
            var work = Duration.zero
            do {
                let (results, worked, changes) = try await writer.write {
                    db -> ([Result<any Sendable, any Error>], Duration, Int) in
                    let begin = ContinuousClock.now
                    let changesBefore = db.totalChangesCount
                    let results = works.map { work -> Result<any Sendable, any Error> in
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
                    return (results, ContinuousClock.now - begin, db.totalChangesCount - changesBefore)
                }
                work = worked
                statistics.commits += 1
                statistics.writes += batch.count
                commitsSinceCheckpoint += 1
                changesSinceCheckpoint += changes
                if let checkpointer,
                   commitsSinceCheckpoint >= Self.checkpointEvery || changesSinceCheckpoint >= Self.checkpointAfterChanges {
                    commitsSinceCheckpoint = 0
                    changesSinceCheckpoint = 0
                    checkpointer.nudge()
                }
                for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            } catch {
                for job in batch { job.continuation.resume(throwing: error) }
            }
            let end = ContinuousClock.now
            lastCommitEnd = end
            lastCommitOverhead = end - start - work
            lastCommitWork = work
            statistics.working += work
            statistics.committing += end - start
            population = min(maxBatch, batch.count + pending.count)
        }
        draining = false
    }

    /// Right after a commit that had company, waits for that many writers to be pending (see
    /// the type's documentation), within the window.
    private func gatherSiblings() async {
        // Only when the commit itself (the fsync) cost more than the writes it carried, and over
        // a millisecond: on a fast disk, clients take longer to come back than a commit of their
        // own would take, and waiting only idles the writer.
        guard population > 1, pending.count < population, let last = lastCommitEnd,
              lastCommitOverhead > lastCommitWork, lastCommitOverhead > .milliseconds(1)
        else { return }
        let window = min(lastCommitOverhead, .milliseconds(2))
        let deadline = last + window
        guard ContinuousClock.now < deadline else { return }
        gatherGeneration += 1
        let generation = gatherGeneration
        gatherTarget = population
        await withCheckedContinuation { continuation in
            gathering = continuation
            Task {
                try? await Task.sleep(until: deadline, clock: .continuous)
                await self.endGathering(generation)
            }
        }
    }

    private func endGathering(_ generation: Int? = nil) {
        guard let waiter = gathering, generation == nil || generation == gatherGeneration else { return }
        gathering = nil
        waiter.resume()
    }
}
