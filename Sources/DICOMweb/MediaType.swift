import Foundation

/// A media type with its parameters (RFC 9110 8.3.1): `multipart/related; type="application/dicom"`.
/// Type, subtype and parameter names are case-insensitive and kept lowercased; parameter
/// values keep their case with quotes removed.
public struct MediaType: Sendable, Equatable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    /// Parameters in the order given, names lowercased.
    public var parameters: [(name: String, value: String)]

    public init(type: String, subtype: String, parameters: [(name: String, value: String)] = []) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters.map { ($0.name.lowercased(), $0.value) }
    }

    /// Parses `type/subtype *(; name=value)`; nil when there is no `type/subtype`.
    public init?(_ text: some StringProtocol) {
        var fields = Self.splitOutsideQuotes(String(text), separator: ";")
        guard !fields.isEmpty else { return nil }
        let essence = fields.removeFirst().trimmingCharacters(in: .whitespaces)
        let pieces = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty,
              !essence.contains(" ") else { return nil }
        var parameters: [(String, String)] = []
        for field in fields {
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else { return nil }
            let name = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = Self.unquote(String(value.dropFirst().dropLast()))
            }
            guard !name.isEmpty else { return nil }
            parameters.append((name, value))
        }
        self.init(type: String(pieces[0]), subtype: String(pieces[1]), parameters: parameters)
    }

    /// `type/subtype`
    public var essence: String { "\(type)/\(subtype)" }

    /// The value of a parameter (names are case-insensitive).
    public func parameter(_ name: String) -> String? {
        let n = name.lowercased()
        return parameters.first { $0.name == n }?.value
    }

    /// Whether this (a range such as `*/*` or `image/*`) covers `other`'s type and subtype.
    public func covers(_ other: MediaType) -> Bool {
        (type == "*" || type == other.type) && (subtype == "*" || subtype == other.subtype)
    }

    public var description: String {
        ([essence] + parameters.map { "\($0.name)=\(Self.quoteIfNeeded($0.value))" }).joined(separator: "; ")
    }

    public static func == (a: MediaType, b: MediaType) -> Bool {
        a.essence == b.essence && a.parameters.map(\.name) == b.parameters.map(\.name)
            && a.parameters.map(\.value) == b.parameters.map(\.value)
    }

    static func quoteIfNeeded(_ value: String) -> String {
        let token = !value.isEmpty && value.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && s.value < 0x7F && !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(s)
        }
        return token ? value : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func unquote(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    /// Splits at `separator` except inside double quotes (a quoted `;` or `,` stays).
    static func splitOutsideQuotes(_ s: String, separator: Character) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false, escaped = false
        for c in s {
            if escaped { current.append(c); escaped = false; continue }
            if quoted && c == "\\" { current.append(c); escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if c == separator && !quoted { out.append(current); current = "" } else { current.append(c) }
        }
        out.append(current)
        return out
    }
}

extension MediaType {
    /// `application/dicom` (PS3.18 8.7.3.5)
    public static let dicom = MediaType(type: "application", subtype: "dicom")
    /// `application/dicom+json` (PS3.18 F.1)
    public static let dicomJSON = MediaType(type: "application", subtype: "dicom+json")
    public static let json = MediaType(type: "application", subtype: "json")
    public static let jpeg = MediaType(type: "image", subtype: "jpeg")
    public static let png = MediaType(type: "image", subtype: "png")
    public static let octetStream = MediaType(type: "application", subtype: "octet-stream")

    /// `multipart/related; type="<type>"` (RFC 2387), the container of PS3.18 8.7.3.3.
    public static func multipartRelated(type: MediaType, boundary: String? = nil) -> MediaType {
        var p: [(name: String, value: String)] = [("type", type.essence)]
        if let boundary { p.append(("boundary", boundary)) }
        return MediaType(type: "multipart", subtype: "related", parameters: p)
    }
}
