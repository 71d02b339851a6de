import Foundation

/// The `${name}` variables of a case: captures of earlier steps and the built-ins.
///
/// Built-ins: `${unique}` (a short value unique to this case run — use it in MRNs, control
/// IDs and resource ids so a case can run again against the same gateway), `${uniqueDigits}`
/// (15 digits, for UIDs such as `2.25.${uniqueDigits}`), `${uuid}` (a
/// UUID, fixed for the case run), `${now}` (ISO 8601 UTC), `${nowHL7}` (`yyyyMMddHHmmss`),
/// `${today}` (`yyyy-MM-dd`), `${runId}` (the run).
public struct Variables: Sendable {
    public private(set) var values: [String: String]

    public init(runID: String, now: Date = Date()) {
        let unique = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10)).uppercased()
        func format(_ pattern: String) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = pattern
            return f.string(from: now)
        }
        values = [
            "unique": unique,
            "uniqueDigits": String(UInt64.random(in: 100_000_000_000_000...999_999_999_999_999)),
            "uuid": UUID().uuidString.lowercased(),
            "now": format("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            "nowHL7": format("yyyyMMddHHmmss"),
            "today": format("yyyy-MM-dd"),
            "runId": runID,
        ]
    }

    public subscript(name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public struct UndefinedVariable: Error, Sendable, CustomStringConvertible {
        public let name: String
        public var description: String { "undefined variable ${\(name)} (not a built-in and not captured by an earlier step)" }
    }

    /// Replaces every `${name}`; `$${` is a literal `${`.
    public func substitute(_ text: String) throws -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            if start.lowerBound > rest.startIndex, rest[rest.index(before: start.lowerBound)] == "$" {
                out += rest[..<rest.index(before: start.lowerBound)] + "${"
                rest = rest[start.upperBound...]
                continue
            }
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            let name = String(rest[start.upperBound..<end])
            guard let value = values[name] else { throw UndefinedVariable(name: name) }
            out += rest[..<start.lowerBound] + value
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// Substitutes in every string (and key) of a JSON value.
    public func substitute(_ json: JSON) throws -> JSON {
        switch json {
        case .string(let s): return .string(try substitute(s))
        case .array(let a): return .array(try a.map { try substitute($0) })
        case .object(let o):
            var out: [String: JSON] = [:]
            for (k, v) in o { out[try substitute(k)] = try substitute(v) }
            return .object(out)
        default: return json
        }
    }
}
