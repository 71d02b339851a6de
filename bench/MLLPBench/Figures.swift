import Foundation

/// Prints a line at once (unbuffered, so figures appear while the run goes on).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Wall-clock time from a monotonic clock.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    var ms: Double { seconds * 1000 }
}

/// Latencies in milliseconds and how they are summarised.
struct Latencies {
    private(set) var values: [Double] = []

    mutating func add(_ ms: Double) { values.append(ms) }
    mutating func add(_ other: Latencies) { values += other.values }

    /// The `q` quantile (nearest rank).
    func quantile(_ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }

    var p50: Double { quantile(0.50) }
    var p99: Double { quantile(0.99) }
    var max: Double { values.max() ?? .nan }
}

enum Format {
    static func ms(_ value: Double) -> String { String(format: value < 10 ? "%.2f ms" : "%.1f ms", value) }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func rate(_ perSecond: Double) -> String { "\(grouped(Int(perSecond.rounded()))) msg/s" }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
