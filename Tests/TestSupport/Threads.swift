import Foundation

/// Runs blocking work (socket clients) on dedicated threads, so that many connections are open
/// at once without tying up the Swift concurrency pool (two threads on a two-core machine).
public enum Threads {
    /// Runs `body(0)` … `body(count - 1)` each on its own thread; returns their results in
    /// index order once all have finished.
    public static func run<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
        await withCheckedContinuation { continuation in
            let results = Locked([T?](repeating: nil, count: count))
            let group = DispatchGroup()
            for index in 0..<count {
                group.enter()
                let thread = Thread {
                    let value = body(index)
                    results.withLock { $0[index] = value }
                    group.leave()
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            group.notify(queue: .global()) {
                continuation.resume(returning: results.withLock { $0.map { $0! } })
            }
        }
    }
}

/// A value shared between threads, behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    public var current: Value { withLock { $0 } }
}
