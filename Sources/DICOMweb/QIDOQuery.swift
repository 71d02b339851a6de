import Foundation

/// The query parameters of a QIDO-RS search (PS3.18 8.3.4): attribute matching
/// (`{attributeID}={value}`), `includefield`, `fuzzymatching`, `limit` and `offset`.
///
/// An attribute is named by keyword (`PatientID`) or tag (`00100020`). A UID key may list
/// several UIDs separated by commas or backslashes (UID list matching, PS3.18 8.3.4.1).
/// Sequence paths (`a.b`) are not supported: they are ignored and reported (Warning).
public struct QIDOQuery: Sendable, Equatable {
    public enum ParseError: Error, Sendable, Equatable {
        case invalid(String)
    }

    /// Matching keys in the order given: tag and value in DICOM string form.
    public var keys: [(tag: UInt32, value: String)]
    /// `includefield` tags; ``includeAll`` for `includefield=all`.
    public var includeFields: [UInt32]
    public var includeAll: Bool
    public var limit: Int?
    public var offset: Int
    public var fuzzyMatching: Bool
    /// Parameters that were not used (sequence paths), for the Warning header.
    public var ignored: [String]

    /// - Parameters:
    ///   - resolve: the tag of a keyword (the data dictionary).
    ///   - vr: the VR of a tag, to recognise UID keys.
    ///   - maxLimit: the largest `limit` accepted.
    public init(_ parameters: [(name: String, value: String)], resolve: (String) -> UInt32?,
                vr: (UInt32) -> String, maxLimit: Int) throws {
        keys = []
        includeFields = []
        includeAll = false
        limit = nil
        offset = 0
        fuzzyMatching = false
        ignored = []
        func tag(_ name: String) throws -> UInt32? {
            if name.contains(".") { return nil }
            if let t = DICOMTagText.parse(name) { return t }
            guard let t = resolve(name) else { throw ParseError.invalid("'\(name.prefix(64))' is not a DICOM attribute keyword or tag") }
            return t
        }
        for (name, value) in parameters {
            switch name {
            case "includefield":
                for field in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !field.isEmpty {
                    if field == "all" { includeAll = true } else if let t = try tag(field) { includeFields.append(t) } else {
                        ignored.append("includefield=\(field)")
                    }
                }
            case "limit":
                guard let n = Int(value), n >= 0, n <= maxLimit else {
                    throw ParseError.invalid("limit must be a number from 0 to \(maxLimit)")
                }
                limit = n
            case "offset":
                guard let n = Int(value), n >= 0 else { throw ParseError.invalid("offset must be a number from 0") }
                offset = n
            case "fuzzymatching":
                guard value == "true" || value == "false" else { throw ParseError.invalid("fuzzymatching must be true or false") }
                fuzzyMatching = value == "true"
            default:
                guard let t = try tag(name) else {
                    ignored.append(name)
                    continue
                }
                guard !keys.contains(where: { $0.tag == t }) else {
                    throw ParseError.invalid("attribute '\(name)' is given more than once")
                }
                let v = vr(t) == "UI" ? value.replacingOccurrences(of: ",", with: "\\") : value
                keys.append((t, v))
            }
        }
    }

    /// The matching key of a tag, if the query has one.
    public func key(_ tag: UInt32) -> String? { keys.first { $0.tag == tag }?.value }

    public static func == (a: QIDOQuery, b: QIDOQuery) -> Bool {
        a.keys.map(\.tag) == b.keys.map(\.tag) && a.keys.map(\.value) == b.keys.map(\.value)
            && a.includeFields == b.includeFields && a.includeAll == b.includeAll && a.limit == b.limit
            && a.offset == b.offset && a.fuzzyMatching == b.fuzzyMatching && a.ignored == b.ignored
    }
}
