/// RFC 6901 JSON Pointer: `/entry/0/resource/id`; `~1` is `/`, `~0` is `~`; `""` the whole
/// document.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public let tokens: [String]
    public let description: String

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws {
        description = text
        if text.isEmpty { tokens = []; return }
        guard text.hasPrefix("/") else {
            throw SyntaxError(description: "JSON pointer '\(text)' must start with '/' (RFC 6901)")
        }
        tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The value the pointer names, or nil when it names nothing.
    public func resolve(in document: JSON) -> JSON? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let o):
                guard let next = o[token] else { return nil }
                current = next
            case .array(let a):
                guard let i = Int(token), a.indices.contains(i) else { return nil }
                current = a[i]
            default: return nil
            }
        }
        return current
    }
}
