import Yams

/// A YAML mapping of a case file with typed, line-aware accessors.
struct YAMLMap {
    let file: String
    let node: Node
    let entries: [(String, Node)]
    /// The line of each key (errors about a key point at the key, not its value).
    let keyLines: [String: Int]

    init(file: String, node: Node) throws {
        self.file = file
        self.node = node
        guard let mapping = node.mapping else {
            throw CaseLoadError(file: file, line: node.mark?.line ?? 0, message: "expected a mapping (key: value)")
        }
        entries = mapping.map { ($0.key.string ?? "", $0.value) }
        keyLines = Dictionary(mapping.map { ($0.key.string ?? "", $0.key.mark?.line ?? 0) }, uniquingKeysWith: { a, _ in a })
    }

    var line: Int { node.mark?.line ?? 0 }
    var keys: [String] { entries.map(\.0) }

    subscript(key: String) -> Node? { entries.first { $0.0 == key }?.1 }

    func error(_ message: String, at node: Node? = nil) -> CaseLoadError {
        CaseLoadError(file: file, line: (node ?? self.node).mark?.line ?? line, message: message)
    }

    func allowOnly(_ allowed: Set<String>) throws {
        for (key, value) in entries where !allowed.contains(key) {
            throw CaseLoadError(file: file, line: keyLines[key] ?? value.mark?.line ?? line,
                                message: "unknown key '\(key)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws -> String? {
        guard let n = self[key] else { return nil }
        guard let s = n.scalar?.string else { throw error("'\(key)' must be a text value", at: n) }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else { throw error("'\(key)' is required") }
        return s
    }

    func bool(_ key: String) throws -> Bool? {
        guard let n = self[key] else { return nil }
        guard let b = n.bool else { throw error("'\(key)' must be true or false", at: n) }
        return b
    }

    func int(_ key: String) throws -> Int? {
        guard let n = self[key] else { return nil }
        guard let i = n.int else { throw error("'\(key)' must be a whole number", at: n) }
        return i
    }

    func strings(_ key: String) throws -> [String] {
        guard let n = self[key] else { return [] }
        if let s = n.scalar?.string { return [s] }
        guard let seq = n.sequence else { throw error("'\(key)' must be a list", at: n) }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw error("'\(key)' must be a list of text values", at: item) }
            return s
        }
    }

    /// A mapping of text values, in file order.
    func pairs(_ key: String) throws -> [(String, String)] {
        guard let n = self[key] else { return [] }
        let map = try YAMLMap(file: file, node: n)
        return try map.entries.map { k, v in
            guard let s = v.scalar?.string else { throw error("'\(key).\(k)' must be a text value", at: v) }
            return (k, s)
        }
    }
}
