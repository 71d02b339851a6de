import Foundation
import GRDB

/// Lets many concurrent writers share commits: writes that arrive while a transaction is
/// being committed are collected and run together in the next transaction, each in its own
/// savepoint (a failing write rolls back only itself). One commit = one fsync, so durable
/// writes stay cheap under load. Callers get their result only after the commit.
///
/// The transactions run on a thread of the writer's own, which lives while there is work
/// (it ends after ``idleLifetime`` without any). Running them from a task instead cost two
/// trips through the thread pools per commit (onto the database's queue and back), each a
/// wait for a free core on a busy machine: about a third of every commit's time.
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
public final class GroupCommitWriter: @unchecked Sendable {
    private struct Job {
        let work: (Database) throws -> any Sendable
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

    /// How long the writer's thread waits for new work before it ends.
    static let idleLifetime = 0.05

    private let writer: any DatabaseWriter
    /// Most writes per transaction.
    private let maxBatch: Int
    /// Guards everything below; its signal wakes the thread for new work.
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var threadRunning = false
    private var stats = Statistics()

    /// Writers active around the last commit.
    private var population = 1
    private var lastCommitEnd: ContinuousClock.Instant?
    /// What the last commit cost beyond its writes' own work: the commit itself (the fsync).
    /// Waiting longer than that to share a commit would cost more than it saves.
    private var lastCommitOverhead = Duration.zero
    /// What the last commit's writes took.
    private var lastCommitWork = Duration.zero

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

    /// How much sharing happened so far.
    public var statistics: Statistics { condition.withLock { stats } }

    /// Whether the writer's thread is running now.
    var hasThread: Bool { condition.withLock { threadRunning } }

    /// Runs `work` in a transaction shared with other concurrent writes; returns after commit.
    public func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = try await withCheckedThrowingContinuation { (c: CheckedContinuation<any Sendable, any Error>) in
            condition.withLock {
                pending.append(Job(work: { try work($0) }, continuation: c))
                if threadRunning {
                    condition.signal()
                } else {
                    threadRunning = true
                    let thread = Thread { [self] in run() }
                    thread.name = "photogate.writer"
                    thread.stackSize = 8 << 20
                    thread.start()
                }
            }
        }
        return result as! T
    }

    /// The writer thread: commits batches until no work came for ``idleLifetime``.
    private func run() {
        condition.lock()
        while true {
            if pending.isEmpty {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.idleLifetime))
                if pending.isEmpty {
                    threadRunning = false
                    condition.unlock()
                    return
                }
            }
            gatherSiblings()
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            condition.unlock()
            let (results, start, work, changes) = commit(batch.map(\.work))
            let end = ContinuousClock.now
            condition.lock()
            stats.commits += 1
            stats.writes += batch.count
            stats.working += work
            stats.committing += end - start
            lastCommitEnd = end
            lastCommitOverhead = end - start - work
            lastCommitWork = work
            population = min(maxBatch, batch.count + pending.count)
            commitsSinceCheckpoint += 1
            changesSinceCheckpoint += changes
            var nudge = false
            if commitsSinceCheckpoint >= Self.checkpointEvery || changesSinceCheckpoint >= Self.checkpointAfterChanges {
                commitsSinceCheckpoint = 0
                changesSinceCheckpoint = 0
                nudge = true
            }
            condition.unlock()
            if nudge { checkpointer?.nudge() }
            for (job, result) in zip(batch, results) { job.continuation.resume(with: result) }
            condition.lock()
        }
    }

    /// One transaction running `works`, each in a savepoint; every result (all failures when
    /// the transaction itself failed), when it started, the writes' own time and rows changed.
    private func commit(_ works: [(Database) throws -> any Sendable])
        -> ([Result<any Sendable, any Error>], ContinuousClock.Instant, Duration, Int) {
        let start = ContinuousClock.now
        var work = Duration.zero
        var changes = 0
        do {
            // GRDB's transaction (not a BEGIN/COMMIT of our own): when SQLite aborts it midway,
            // GRDB refuses the batch's later statements instead of running them in autocommit.
            let results = try writer.write { db -> [Result<any Sendable, any Error>] in
                let begin = ContinuousClock.now
                let changesBefore = db.totalChangesCount
                let results = works.map { work -> Result<any Sendable, any Error> in
                    do {
                        return .success(try db.withSavepoint { try work(db) })
                    } catch {
                        return .failure(error)
                    }
                }
                work = ContinuousClock.now - begin
                changes = db.totalChangesCount - changesBefore
                return results
            }
            return (results, start, work, changes)
        } catch {
            return (works.map { _ in .failure(error) }, start, work, 0)
        }
    }

    /// Right after a commit that had company, waits (holding the lock only while waiting) for
    /// that many writers to be pending (see the type's documentation), within the window.
    private func gatherSiblings() {
        // Only when the commit itself (the fsync) cost more than the writes it carried, and over
        // a millisecond: on a fast disk, clients take longer to come back than a commit of their
        // own would take, and waiting only idles the writer.
        guard population > 1, pending.count < population, let last = lastCommitEnd,
              lastCommitOverhead > lastCommitWork, lastCommitOverhead > .milliseconds(1)
        else { return }
        let deadline = last + min(lastCommitOverhead, .milliseconds(2))
        while pending.count < population {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return }
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
        }
    }
}
