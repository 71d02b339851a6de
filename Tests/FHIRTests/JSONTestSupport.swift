import Foundation

/// Helpers to compare JSON documents by content.
enum JSONTestSupport {
    /// The document re-serialised with sorted keys (numbers as Foundation reads them).
    static func normalized(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
