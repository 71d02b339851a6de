import Foundation
import PhotoGateCore
import Testing

struct TimeOrderedIDTests {
    @Test func idsAreVersion7UUIDsWithTheRFC9562Variant() throws {
        let id = TimeOrderedID().make(at: Date(timeIntervalSince1970: 1_700_000_000.123))
        let uuid = try #require(UUID(uuidString: id))
        let bytes = uuid.uuid
        #expect(bytes.6 >> 4 == 7)
        #expect(bytes.8 >> 6 == 0b10)
        #expect(id == id.lowercased())
        // The first 48 bits are the Unix time in milliseconds (RFC 9562 §5.7).
        let millis = String(1_700_000_000_123, radix: 16).leftPadded(to: 12)
        #expect(id.replacingOccurrences(of: "-", with: "").hasPrefix(millis))
    }

    @Test func idsMadeLaterSortLaterEvenWithinOneMillisecond() {
        let maker = TimeOrderedID()
        let instant = Date(timeIntervalSince1970: 1_800_000_000)
        let sameMillisecond = (0..<5_000).map { _ in maker.make(at: instant) }
        #expect(sameMillisecond == sameMillisecond.sorted())
        #expect(Set(sameMillisecond).count == sameMillisecond.count)
        let later = maker.make(at: instant.addingTimeInterval(10))
        #expect(later > sameMillisecond.last!)
    }

    @Test func aClockGoingBackDoesNotBreakTheOrder() {
        let maker = TimeOrderedID()
        let first = maker.make(at: Date(timeIntervalSince1970: 1_800_000_000))
        let second = maker.make(at: Date(timeIntervalSince1970: 1_799_999_000))
        #expect(second > first)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
