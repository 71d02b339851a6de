import Foundation
import Yams

/// A JSON value: HTTP response bodies, DIMSE results and event pages are observed as JSON, and
/// case files write expected values and request bodies in YAML that maps onto it.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    /// Parses JSON text; nil when it is not JSON.
    public init?(parsing data: Data) {
        guard let value = try? JSONDecoder().decode(JSON.self, from: data) else { return nil }
        self = value
    }

    /// The YAML scalar typing of a case file (`201` is a number, `true` a bool, `"201"` a string).
    public init(yaml node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let b = Bool.construct(from: scalar) { self = .bool(b); return }
                if let i = Int.construct(from: scalar) { self = .number(Double(i)); return }
                if let d = Double.construct(from: scalar), !scalar.string.isEmpty,
                   scalar.string.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                    self = .number(d); return
                }
                if scalar.string == "null" || scalar.string == "~" { self = .null; return }
            }
            self = .string(scalar.string)
        case .sequence(let seq): self = .array(seq.map { JSON(yaml: $0) })
        case .mapping(let map):
            var out: [String: JSON] = [:]
            for (k, v) in map { out[k.string ?? ""] = JSON(yaml: v) }
            self = .object(out)
        case .alias: self = .null
        }
    }

    /// Compact JSON text with sorted keys.
    public var text: String { render(pretty: false) }
    /// Indented JSON text with sorted keys (for reports and diffs).
    public var prettyText: String { render(pretty: true) }

    /// Strings as they are; everything else as compact JSON. How values read in messages.
    public var display: String {
        if case .string(let s) = self { return s }
        return text
    }

    public subscript(key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return JSON.format(n)
        case .bool(let b): return String(b)
        default: return nil
        }
    }

    static func format(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    private func render(pretty: Bool, indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return JSON.format(n)
        case .string(let s): return JSON.quote(s)
        case .array(let a):
            if a.isEmpty { return "[]" }
            if !pretty { return "[" + a.map { $0.render(pretty: false) }.joined(separator: ",") + "]" }
            let inner = indent + "  "
            return "[\n" + a.map { inner + $0.render(pretty: true, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            let keys = o.keys.sorted()
            if !pretty {
                return "{" + keys.map { JSON.quote($0) + ":" + o[$0]!.render(pretty: false) }.joined(separator: ",") + "}"
            }
            let inner = indent + "  "
            return "{\n" + keys.map { inner + JSON.quote($0) + ": " + o[$0]!.render(pretty: true, indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Loose equality for expectations: numbers and numeric strings compare by value
    /// (`201` matches `"201"`), everything else structurally.
    public func matches(_ other: JSON) -> Bool {
        switch (self, other) {
        case (.number(let a), .string(let b)), (.string(let b), .number(let a)):
            return Double(b) == a
        case (.bool(let a), .string(let b)), (.string(let b), .bool(let a)):
            return String(a) == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
        case (.object(let a), .object(let b)):
            return a.keys.sorted() == b.keys.sorted() && a.allSatisfy { k, v in b[k].map { v.matches($0) } ?? false }
        default:
            return self == other
        }
    }
}

extension JSON: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
