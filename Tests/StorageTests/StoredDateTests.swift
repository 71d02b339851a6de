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

    /// The direct reader must give the very `Date` GRDB gives (equal to the last bit: the
    /// decisions compare stored instants), and leave every other form to GRDB.
    @Test func readingGivesGRDBsDateToTheLastBit() throws {
        let db = try DatabaseQueue()
        var texts = ["2001-01-01 00:00:00.000", "2000-12-31 23:59:59.999", "1970-01-01 00:00:00.000", "2024-02-29 12:00:00.001",
                     "1899-12-31 23:59:59.500", "2100-03-01 00:00:00.000", "0001-01-01 00:00:00.000", "1582-10-04 12:00:00.000",
                     "1600-01-01 00:00:00.000", "9999-12-31 23:59:59.999"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            // Random instants, and as many near the reference date, where rounding shows first.
            let ms = Bool.random(using: &rng) ? Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &rng)
                                              : Int64.random(in: 970_000_000_000...990_000_000_000, using: &rng)
            texts.append(StoredDate.text(Date(timeIntervalSince1970: Double(ms) / 1000)))
        }
        try db.read { db in
            for text in texts {
                // Rows straight from the statement, as the repositories read them.
                let rows = try Row.fetchCursor(db, sql: "SELECT ?", arguments: [text])
                while let row = try rows.next() {
                    let grdb: Date? = row[0]
                    #expect(StoredDate.read(row, 0)?.timeIntervalSinceReferenceDate.bitPattern
                            == grdb?.timeIntervalSinceReferenceDate.bitPattern, "\(text)")
                }
            }
        }
        // The direct reader did the reading (it takes only its own format, from 1600 on).
        #expect(StoredDate.parse(Data("2026-01-02 03:04:05.678".utf8)) != nil)
        #expect(StoredDate.parse(Data("1582-10-04 12:00:00.000".utf8)) == nil)
        // Other forms are GRDB's to read.
        for value in ["2026-01-02", "2026-01-02 03:04:05", "2026-01-02T03:04:05.678", "2026-01-02 03:04:05.6789",
                      "2026-13-02 03:04:05.678", 1_700_000_000.5, 1_700_000_000, DatabaseValue.null] as [any DatabaseValueConvertible] {
            let row = try #require(try db.read { try Row.fetchOne($0, sql: "SELECT ?", arguments: [value]) })
            let grdb: Date? = row[0]
            #expect(StoredDate.read(row, 0) == grdb, "\(value)")
        }
    }
}
