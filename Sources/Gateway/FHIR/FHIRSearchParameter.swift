import FHIR
import Foundation
import Storage

/// A search parameter the server supports for one resource type (FHIR R4 search.html).
/// The same definitions parse queries and fill the CapabilityStatement.
struct FHIRSearchParameter: Sendable {
    var name: String
    var type: SearchParamType
    var documentation: String

    /// Control parameters accepted on every search (search.html#count; `_offset` pages).
    static let control: Set<String> = ["_count", "_offset", "_format", "_pretty"]

    /// Token values are indexed as `system|code` (an empty system when there is none).
    static func token(system: String?, _ value: String) -> String { (system ?? "") + "|" + value }

    /// The criteria of a query string. Unknown parameters and modifiers are refused with 400
    /// (as HAPI does; a misspelt parameter must not widen a search over patient data).
    static func criteria(_ query: [(String, String)], supported: [FHIRSearchParameter]) throws -> [FHIRSearchCriterion] {
        var result: [FHIRSearchCriterion] = []
        for (key, value) in query where !control.contains(key) {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            guard let name = parts.first, let p = supported.first(where: { $0.name == name }) else {
                throw FHIRFailure(400, .notSupported, "unknown search parameter '\(key)' (supported: "
                    + (supported.map(\.name) + control.sorted()).joined(separator: ", ") + ")")
            }
            let modifier = parts.count > 1 ? parts[1] : nil
            if let modifier, !(p.type == .string && modifier == "exact") {
                throw FHIRFailure(400, .notSupported, "modifier ':\(modifier)' is not supported on '\(name)'")
            }
            let alternatives = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !alternatives.contains(where: \.isEmpty) else {
                throw FHIRFailure(400, .invalid, "search parameter '\(key)' has an empty value")
            }
            let matches = try alternatives.map { try p.match($0, modifier: modifier) }
            result.append(FHIRSearchCriterion(param: modifier == "exact" ? name + ":exact" : name, anyOf: matches))
        }
        return result
    }

    func match(_ value: String, modifier: String?) throws -> FHIRSearchCriterion.Match {
        switch type {
        case .token:
            // system|code, |code (no system), code (any system), system| (any code)
            if let bar = value.firstIndex(of: "|") {
                let system = value[..<bar], code = value[value.index(after: bar)...]
                if code.isEmpty { return .prefix(String(system) + "|") }
                return .equals(value)
            }
            return .suffix("|" + value)
        case .string:
            return modifier == "exact" ? .equals(value) : .prefix(value.lowercased())
        case .date:
            let prefixes = ["eq", "ne", "lt", "le", "gt", "ge"]
            var op = "eq", date = value
            if value.count > 2, prefixes.contains(String(value.prefix(2))) {
                op = String(value.prefix(2))
                date = String(value.dropFirst(2))
            }
            guard FHIRTemporal.isDate(date) else {
                throw FHIRFailure(400, .invalid, "'\(value)' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, optionally with eq, ne, lt, le, gt, ge)")
            }
            // Dates are indexed as text (YYYY-MM-DD); "~" sorts after every digit and "-", so
            // `date + "~"` is the end of a partial date's range.
            switch op {
            case "ne": return .not(.prefix(date))
            case "lt": return .less(date)
            case "ge": return .greaterOrEqual(date)
            case "gt": return .greater(date + "~")
            case "le": return .less(date + "~")
            default: return .prefix(date)
            }
        case .reference:
            guard let target = Self.referenceID(value, type: "Patient") else { return .none }
            return .equals("Patient/" + target)
        default:
            throw FHIRFailure(400, .notSupported, "search parameter type \(type.rawValue) is not supported")
        }
    }

    /// The alternatives of a date or dateTime search value (search.html#date): `2027`,
    /// `2027-01`, `2027-01-15`, or a dateTime with seconds, each with an optional prefix.
    static func dateMatches(_ name: String, _ value: String) throws -> [FHIRDateMatch] {
        try value.split(separator: ",", omittingEmptySubsequences: false).map(String.init).map { item in
            var prefix = FHIRDateMatch.Prefix.eq, text = item
            if item.count > 2, let p = FHIRDateMatch.Prefix(rawValue: String(item.prefix(2))) {
                prefix = p
                text = String(item.dropFirst(2))
            }
            guard FHIRTemporal.isDate(text) || FHIRTemporal.isDateTime(text), let lower = FHIRTemporal.start(of: text) else {
                throw FHIRFailure(400, .invalid, "\(name): '\(item)' is not a date or dateTime (optionally with eq, ne, lt, le, gt, ge)")
            }
            let upper = text.count <= 10 ? (FHIRConsentTranslator.endOf(text) ?? lower) : lower.addingTimeInterval(1)
            return FHIRDateMatch(prefix: prefix, lower: lower, upper: upper)
        }
    }

    /// Checks names and modifiers of a query against `supported` (400 as ``criteria(_:supported:)``)
    /// and returns the values of each parameter (repeated parameters AND-ed).
    static func values(_ query: [(String, String)], supported: [FHIRSearchParameter]) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (key, value) in query where !control.contains(key) {
            guard supported.contains(where: { $0.name == key }) else {
                let name = key.split(separator: ":").first.map(String.init) ?? key
                if supported.contains(where: { $0.name == name }) {
                    throw FHIRFailure(400, .notSupported, "modifier '\(key.dropFirst(name.count))' is not supported on '\(name)'")
                }
                throw FHIRFailure(400, .notSupported, "unknown search parameter '\(key)' (supported: "
                    + (supported.map(\.name) + control.sorted()).joined(separator: ", ") + ")")
            }
            guard !value.isEmpty, !value.split(separator: ",", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
                throw FHIRFailure(400, .invalid, "search parameter '\(key)' has an empty value")
            }
            result[key, default: []].append(value)
        }
        return result
    }

    /// `Patient/123`, `123` or `http://…/Patient/123` (optionally with `/_history/n`) → `123`.
    static func referenceID(_ reference: String, type: String) -> String? {
        var parts = reference.split(separator: "/").map(String.init)
        if let h = parts.firstIndex(of: "_history") { parts = Array(parts[..<h]) }
        if parts.count == 1 { return parts[0] }
        guard parts.count >= 2, parts[parts.count - 2] == type else { return nil }
        return parts.last
    }
}
