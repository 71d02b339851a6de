import Yams

/// A YAML node with its file and line, read strictly: unknown keys, wrong types and missing
/// required keys are errors that point at the line (no silent defaults for typos).
struct YAMLNode {
    let node: Node
    let file: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ message: String) -> MappingError { MappingError(file: file, line: line, message) }

    /// Parses a whole file.
    static func parse(_ text: String, file: String) throws -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw MappingError(file: file, line: 1, "the file is empty")
            }
            return YAMLNode(node: node, file: file)
        } catch let error as MappingError {
            throw error
        } catch let error as YamlError {
            throw MappingError(file: file, line: Self.line(of: error), "not valid YAML: \(error)")
        } catch {
            throw MappingError(file: file, line: 1, "not valid YAML: \(error)")
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    /// The entries of a mapping node, checking every key against `allowed` and that each
    /// key in `required` is present.
    func mapping(allowed: Set<String>, required: Set<String> = []) throws -> [String: YAMLNode] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value)") }
        var out: [String: YAMLNode] = [:]
        for (key, value) in mapping {
            let k = YAMLNode(node: key, file: file)
            guard let name = key.scalar?.string else { throw k.error("keys must be plain words") }
            guard allowed.contains(name) else {
                throw k.error("unknown key '\(name)' (known: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard out[name] == nil else { throw k.error("key '\(name)' appears twice") }
            out[name] = YAMLNode(node: value, file: file)
        }
        if let missing = required.subtracting(out.keys).sorted().first {
            throw error("missing key '\(missing)'")
        }
        return out
    }

    func sequence() throws -> [YAMLNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.map { YAMLNode(node: $0, file: file) }
    }

    func string() throws -> String {
        guard let scalar = node.scalar else { throw error("expected a single value") }
        return scalar.string
    }

    func nonEmptyString() throws -> String {
        let s = try string()
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("value must not be empty") }
        return s
    }

    func bool() throws -> Bool {
        switch try string() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error("expected true or false, got '\(other)'")
        }
    }

    /// A single value or a list of values.
    func strings() throws -> [String] {
        if node.sequence != nil { return try sequence().map { try $0.string() } }
        return [try string()]
    }
}
