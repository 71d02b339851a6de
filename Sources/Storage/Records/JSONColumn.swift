import Foundation
import PhotoGateCore

/// JSON text columns (arrays and small objects), encoded with sorted keys. The two shapes
/// written on hot paths — audit details and event payloads — are serialised by hand (a
/// `JSONEncoder` per record cost more than the record's insert).
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String {
        if let map = value as? [String: String] { return object(map.mapValues(JSONValue.string)) }
        if let map = value as? [String: JSONValue] { return object(map) }
        if let list = value as? [String] {
            var out = ""
            write(.array(list.map(JSONValue.string)), to: &out)
            return out
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        if type == [String].self {  // names, channels, scopes, tags: read with every patient, consent, asset
            return (strings(text) ?? (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String]) as? T
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(type, from: Data(text.utf8))
    }

    /// A JSON array of strings without escapes, read directly (what `encode` writes for
    /// names, channel lists and asset ids); nil for anything else, which the caller then
    /// reads with a full JSON parser.
    static func strings(_ text: String) -> [String]? {
        var utf8 = text.utf8[...]
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        utf8 = utf8.dropFirst().dropLast()
        var out: [String] = []
        while !utf8.isEmpty {
            guard utf8.first == UInt8(ascii: "\""),
                  let end = utf8.dropFirst().firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
                  utf8[end] == UInt8(ascii: "\"") else { return nil }
            out.append(String(decoding: utf8[utf8.index(after: utf8.startIndex)..<end], as: UTF8.self))
            utf8 = utf8[utf8.index(after: end)...]
            if utf8.first == UInt8(ascii: ",") {
                utf8 = utf8.dropFirst()
                guard !utf8.isEmpty else { return nil }
            } else if !utf8.isEmpty {
                return nil
            }
        }
        return out
    }

    static func object(_ map: [String: JSONValue]) -> String {
        var out = ""
        write(.object(map), to: &out)
        return out
    }

    static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .string(let s): quote(s, to: &out)
        case .number(let n):
            out += n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .object(let map):
            out += "{"
            for (i, key) in map.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                quote(key, to: &out)
                out += ":"
                write(map[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal (RFC 8259 §7).
    static func quote(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
