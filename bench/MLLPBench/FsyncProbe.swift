import Foundation

/// How long the disk under the data directory takes to make a small write durable: 4 KiB
/// written into a file of 4 MiB already on disk, then `fdatasync` — as SQLite does for a commit
/// into a WAL it reuses from the start after each checkpoint. With one message outstanding
/// per connection, no commit can carry more messages than there are connections, so
/// `connections / this latency` bounds durable throughput whatever the CPU does.
enum FsyncProbe {
    /// Median and 90th percentile of `count` writes + fdatasync, in milliseconds.
    static func measure(in directory: String, count: Int = 200) throws -> (median: Double, p90: Double) {
        let path = directory + "/fsync-probe.bin"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw BenchError("cannot create \(path)") }
        defer {
            close(fd)
            unlink(path)
        }
        let page = [UInt8](repeating: 0x5A, count: 4096)
        let pages = 1024
        for _ in 0..<pages {
            guard page.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == page.count else {
                throw BenchError("write failed in \(directory)")
            }
        }
        guard fsync(fd) == 0 else { throw BenchError("fsync failed in \(directory)") }
        var latencies = Latencies()
        for n in 0..<count {
            let watch = Stopwatch()
            let offset = off_t((n % pages) * page.count)
            guard page.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, offset) }) == page.count, fdatasync(fd) == 0 else {
                throw BenchError("write or fdatasync failed in \(directory)")
            }
            latencies.add(watch.ms)
        }
        return (latencies.p50, latencies.quantile(0.9))
    }
}
