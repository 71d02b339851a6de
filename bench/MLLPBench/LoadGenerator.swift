import Foundation
import TestSupport

/// The senders: `connections` MLLP connections over real loopback sockets, each with one
/// message outstanding at a time (it waits for the ACK before sending the next), as MLLP
/// allows. Each connection runs on its own thread with blocking socket calls.
struct LoadGenerator {
    struct Result {
        var messages: Int
        var seconds: Double
        var latencies: Latencies
        /// ACKs that were not AA for their message.
        var bad: Int
        /// CPU time of this process (servers and senders) during the run, in seconds.
        var cpuSeconds: Double = 0
        var throughput: Double { Double(messages) / seconds }
        var cpuPerMessageMicroseconds: Double { cpuSeconds / Double(messages) * 1e6 }
    }

    /// User + system CPU time of this process so far, in seconds.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    let port: Int
    let connections: Int

    /// Sends `total` messages (`message(n)` for n in 0..<total, spread over the connections)
    /// and measures each ACK's latency (send to ACK received) and the whole run's throughput.
    func run(total: Int, message: @escaping @Sendable (Int) -> [UInt8]) async throws -> Result {
        let clients = try (0..<connections).map { _ in try MLLPTestClient(port: port) }
        let start = Stopwatch()
        let cpuStart = Self.cpuTime()
        let perConnection = await Threads.run(connections) { c -> (Latencies, Int, String?) in
            var latencies = Latencies()
            var bad = 0
            let client = clients[c]
            for n in stride(from: c, to: total, by: connections) {
                let payload = message(n)
                let watch = Stopwatch()
                do {
                    guard let answer = try client.exchange(payload) else { return (latencies, bad, "connection closed") }
                    latencies.add(watch.ms)
                    if !Self.isAA(answer) { bad += 1 }
                } catch {
                    return (latencies, bad, "\(error)")
                }
            }
            return (latencies, bad, nil)
        }
        let seconds = start.seconds
        let cpu = Self.cpuTime() - cpuStart
        if let failure = perConnection.compactMap(\.2).first { throw BenchError("a sender failed: \(failure)") }
        var all = Latencies()
        for (latencies, _, _) in perConnection { all.add(latencies) }
        return Result(messages: total, seconds: seconds, latencies: all, bad: perConnection.map(\.1).reduce(0, +),
                      cpuSeconds: cpu)
    }

    /// `MSA|AA|` in the ACK (checked on bytes: the senders must stay cheap).
    static func isAA(_ ack: [UInt8]) -> Bool {
        let needle = Array("\rMSA|AA|".utf8)
        guard ack.count >= needle.count else { return false }
        return (0...(ack.count - needle.count)).contains { ack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
