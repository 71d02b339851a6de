import Foundation
import PhotoGateCore

/// JSON text columns (arrays and small objects), encoded with sorted keys. The two shapes
/// written on hot paths — audit details and event payloads — are serialised by hand (a
/// `JSONEncoder` per record cost more than the record's insert).
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) -> String {
        if let map = value as? [String: String] { return object(map.mapValues(JSONValue.string)) }
        if let map = value as? [String: JSONValue] { return object(map) }
        if let list = value as? [String] { return text(.array(list.map(JSONValue.string))) }
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

    static func object(_ map: [String: JSONValue]) -> String { text(.object(map)) }

    /// Written as UTF-8 bytes: a death notice's event payloads list a thousand photos, and
    /// appending to a `String` scalar by scalar cost more than the rest of the death workflow.
    static func text(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .string(let s): quote(s, to: &out)
        case .number(let n):
            out += (n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)).utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let map):
            out.append(UInt8(ascii: "{"))
            for (i, key) in map.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                quote(key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(map[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped;
    /// everything else, non-ASCII included, copied as its UTF-8 bytes.
    static func quote(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
