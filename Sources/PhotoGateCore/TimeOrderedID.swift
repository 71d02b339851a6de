import Foundation

/// Record identifiers as UUID version 7 (RFC 9562 §5.7): 48 bits of Unix time in
/// milliseconds, then a 12-bit counter (RFC 9562 §6.2 method 1) and 62 random bits.
///
/// Identifiers made later sort later, so a unique index over them grows at its right edge
/// instead of touching a random page per insert — on a store with millions of events, that
/// is most of the cost of writing one. They are still plain UUIDs to every consumer.
public final class TimeOrderedID: Sendable {
    private struct State {
        var millis: UInt64 = 0
        var counter: UInt16 = 0
    }

    private let state = LockedState(State())

    public init() {}

    /// A new identifier for `date`, lower-case and hyphenated.
    public func make(at date: Date = Date()) -> String {
        let now = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let (millis, counter) = state.withLock { s -> (UInt64, UInt16) in
            if now > s.millis {
                s.millis = now
                s.counter = UInt16.random(in: 0..<0x400)  // leaves room to count up within the millisecond
            } else if s.counter < 0xFFF {
                s.counter += 1
            } else {
                s.millis += 1  // counter exhausted: borrow the next millisecond (§6.2)
                s.counter = 0
            }
            return (s.millis, s.counter)
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - i))) }
        bytes[6] = 0x70 | UInt8(counter >> 8)
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        var random = SystemRandomNumberGenerator()
        let tail = random.next() as UInt64
        for i in 8..<16 { bytes[i] = UInt8(truncatingIfNeeded: tail >> (8 * (15 - i))) }
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // variant 10
        return Self.format(bytes)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func format(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(0x2D) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A value behind a lock, for the few places in the pure core that keep mutable state.
final class LockedState<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
