import GRDB

/// Copies committed WAL frames into the database file on a connection of its own, so that the
/// writer never does it inside a commit (SQLite's automatic checkpoint runs in whichever commit
/// crosses the threshold, and that commit — and every ACK waiting on it — takes milliseconds
/// longer). PASSIVE checkpoints neither wait for nor block readers and the writer
/// (sqlite.org/wal.html, "Checkpointing"); durability does not depend on them: a commit is
/// durable once its WAL frames are synced.
///
/// The writer's automatic checkpoint stays on at a higher threshold (``fallbackPages``, 40 MB
/// of WAL), so the WAL stays bounded: with writes going on all the time, a PASSIVE checkpoint
/// seldom ends with the WAL fully copied, and only then can a commit start the WAL over, so it
/// is the writer's checkpoint that lets the WAL restart — finding nearly every frame copied
/// already. (Measured with bench/run-mllp: checkpointing every 128 commits with this fallback
/// beat every 8 or 32 commits with smaller fallbacks, and SQLite's default, on throughput and
/// ACK p99.) The group-commit writer also nudges it after 2,000 changed rows, so a run of
/// large commits (death notices) does not reach the fallback before any background copy ran.
public actor WALCheckpointer {
    /// WAL size, in pages, at which the writer checkpoints by itself after all.
    public static let fallbackPages = 10_000

    private let connection: DatabaseQueue
    private var running = false
    /// Checkpoints run, for the benchmarks.
    public private(set) var runs = 0

    /// Opens a second connection to the database at `path` (already created, in WAL mode).
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.label = "photogate.checkpointer"
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// Starts a checkpoint unless one is running; returns without waiting for it.
    nonisolated public func nudge() {
        Task { await self.checkpointIfIdle() }
    }

    /// Runs a PASSIVE checkpoint unless one is running; returns what the WAL held and what is
    /// now in the database file (frames), or nil when it did not run.
    @discardableResult
    public func checkpointIfIdle() async -> (walFrames: Int, checkpointed: Int)? {
        guard !running else { return nil }
        running = true
        defer { running = false }
        runs += 1
        guard let result = try? await connection.writeWithoutTransaction({ try $0.checkpoint(.passive) }) else { return nil }
        return (result.walFrameCount, result.checkpointedFrameCount)
    }
}
