import Foundation
import GRDB
@testable import Storage
import Testing

/// Dates written by hand on the intake path must be the text GRDB writes.
struct StoredDateTests {
    @Test func theTextIsGRDBsForAnyInstant() {
        // Given instants around edges (epoch, leap days, sub-millisecond fractions, before 1970) and random ones
        var instants: [Double] = [0, -0.0005, -1, -86_400.001, 951_782_399.9999, 951_868_800.0005, 1_709_164_800.123_456,
                                  1_800_000_000.999_9, 4_102_444_799.999, -2_208_988_800.25]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 { instants.append(Double.random(in: -3_000_000_000...5_000_000_000, using: &rng)) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            // Then the hand-written text is GRDB's, and reads back as GRDB's does
            #expect(StoredDate.text(date).databaseValue == date.databaseValue, "\(seconds)")
            #expect(Date.fromDatabaseValue(StoredDate.value(date)) == Date.fromDatabaseValue(date.databaseValue))
        }
    }
}
