import Foundation
import GRDB

/// Stored date values at whole-hour offsets from `now`, formatted once (GRDB formats dates
/// with a `DateFormatter`, which would otherwise dominate a bulk insert).
struct HourTable: Sendable {
    private let values: [DatabaseValue]
    private let origin: Int

    init(now: Date, from: Int, to: Int) {
        origin = -from
        values = (from...to).map { now.addingTimeInterval(Double($0) * 3600).databaseValue }
    }

    subscript(hour: Int) -> DatabaseValue { values[hour + origin] }
}
