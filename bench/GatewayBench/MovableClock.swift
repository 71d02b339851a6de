import Foundation

/// The gateway's clock for the run: real time until the benchmark moves it (expiry ticks).
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    /// Now, shifted by however far the clock was moved.
    var now: Date { lock.withLock { Date().addingTimeInterval(offset) } }

    /// Moves the clock so that `now` is `date`.
    func set(_ date: Date) { lock.withLock { offset = date.timeIntervalSinceNow } }
}
