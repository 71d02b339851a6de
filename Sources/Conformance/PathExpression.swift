/// A small FHIRPath-like navigation over JSON, enough to say what a case expects of a
/// resource without writing JSON pointers with indices:
///
///     issue.first().code                         entry.resource.where(resourceType='Patient').id
///     entry[0].response.status                   events.where(type='patient.deceased' and assetID='a1').count()
///     issue.where(severity!='information').exists()   name.given
///
/// Like FHIRPath (https://hl7.org/fhirpath/), every step works on a collection: a name
/// collects that member of every object (arrays are flattened), `[n]` picks one item,
/// `where(…)` filters with `=`, `!=` and `and`, and `first()`, `last()`, `count()`,
/// `exists()`, `empty()` do what they say. A leading `$this` or an empty expression is the
/// document itself.
public struct PathExpression: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case whereClause([Condition])
        case first, last, count, exists, empty
    }

    struct Condition: Sendable, Hashable {
        let path: PathExpression
        let negated: Bool
        /// nil: the path must exist (a bare path in `where(…)`).
        let literal: JSON?
    }

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    let steps: [Step]
    public let description: String

    public init(_ text: String) throws {
        description = text
        var steps: [Step] = []
        for part in try Self.splitTopLevel(text, on: ".") where !part.isEmpty && part != "$this" {
            steps += try Self.parseSegment(part, in: text)
        }
        self.steps = steps
    }

    /// The collection the expression selects.
    public func evaluate(_ document: JSON) -> [JSON] {
        var collection = [document]
        for step in steps {
            switch step {
            case .member(let name):
                // A document that is an array (a JSON API list) is a collection of its items.
                let items = collection.flatMap { item -> [JSON] in
                    if case .array(let a) = item { return a }
                    return [item]
                }
                collection = items.flatMap { item -> [JSON] in
                    guard case .object(let o) = item, let v = o[name] else { return [] }
                    if case .array(let a) = v { return a }
                    return [v]
                }
            case .index(let i):
                collection = collection.indices.contains(i) ? [collection[i]] : []
            case .whereClause(let conditions):
                collection = collection.filter { item in conditions.allSatisfy { $0.holds(for: item) } }
            case .first: collection = Array(collection.prefix(1))
            case .last: collection = Array(collection.suffix(1))
            case .count:
                if collection.count == 1, case .array(let a) = collection[0] { collection = a }
                collection = [.number(Double(collection.count))]
            case .exists: collection = [.bool(!collection.isEmpty)]
            case .empty: collection = [.bool(collection.isEmpty)]
            }
        }
        return collection
    }

    private static func parseSegment(_ part: String, in whole: String) throws -> [Step] {
        var name = part
        var indexes: [Int] = []
        while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
            guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), i >= 0 else {
                throw SyntaxError(description: "path '\(whole)': bad index in '\(part)'")
            }
            indexes.insert(i, at: 0)
            name = String(name[..<open])
        }
        var steps: [Step]
        if let paren = name.firstIndex(of: "("), name.hasSuffix(")") {
            let function = String(name[..<paren])
            let argument = String(name[name.index(after: paren)..<name.index(before: name.endIndex)])
            switch function {
            case "where": steps = [.whereClause(try parseConditions(argument, in: whole))]
            case "first", "last", "count", "exists", "empty":
                guard argument.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw SyntaxError(description: "path '\(whole)': \(function)() takes no argument")
                }
                steps = [["first": Step.first, "last": .last, "count": .count, "exists": .exists, "empty": .empty][function]!]
            default:
                throw SyntaxError(description: "path '\(whole)': unknown function '\(function)()' (where, first, last, count, exists, empty)")
            }
        } else {
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "$" || $0 == "@" }) else {
                throw SyntaxError(description: "path '\(whole)': '\(part)' is not a member name")
            }
            steps = [.member(name)]
        }
        return steps + indexes.map { Step.index($0) }
    }

    private static func parseConditions(_ text: String, in whole: String) throws -> [Condition] {
        try splitTopLevel(text, on: " and ").map { raw in
            let c = raw.trimmingCharacters(in: .whitespaces)
            for (op, negated) in [("!=", true), ("=", false)] {
                if let range = try rangeTopLevel(of: op, in: c) {
                    let lhs = c[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                    let rhs = c[range.upperBound...].trimmingCharacters(in: .whitespaces)
                    return Condition(path: try PathExpression(lhs), negated: negated, literal: try literal(rhs, in: whole))
                }
            }
            return Condition(path: try PathExpression(c), negated: false, literal: nil)
        }
    }

    private static func literal(_ text: String, in whole: String) throws -> JSON {
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            return .string(String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\'", with: "'"))
        }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let n = Double(text) { return .number(n) }
        throw SyntaxError(description: "path '\(whole)': '\(text)' is not a literal ('text', a number, true or false)")
    }

    /// Splits at `separator` outside quotes, parentheses and brackets.
    static func splitTopLevel(_ text: String, on separator: String) throws -> [String] {
        var parts: [String] = []
        var depth = 0
        var quoted = false
        var current = ""
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "'" { quoted.toggle() }
            if !quoted {
                if ch == "(" || ch == "[" { depth += 1 }
                if ch == ")" || ch == "]" { depth -= 1 }
                if depth == 0, text[i...].hasPrefix(separator) {
                    parts.append(current)
                    current = ""
                    i = text.index(i, offsetBy: separator.count)
                    continue
                }
            }
            current.append(ch)
            i = text.index(after: i)
        }
        guard depth == 0, !quoted else { throw SyntaxError(description: "path '\(text)': unbalanced quotes or brackets") }
        parts.append(current)
        return parts
    }

    private static func rangeTopLevel(of op: String, in text: String) throws -> Range<String.Index>? {
        var depth = 0
        var quoted = false
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "'" { quoted.toggle() }
            if !quoted {
                if ch == "(" || ch == "[" { depth += 1 }
                if ch == ")" || ch == "]" { depth -= 1 }
                if depth == 0, text[i...].hasPrefix(op) {
                    // "!=" is not "=": skip an '=' preceded by '!'.
                    if op == "=", i > text.startIndex, text[text.index(before: i)] == "!" { i = text.index(after: i); continue }
                    return i..<text.index(i, offsetBy: op.count)
                }
            }
            i = text.index(after: i)
        }
        return nil
    }
}

extension PathExpression.Condition {
    func holds(for item: JSON) -> Bool {
        let values = path.evaluate(item)
        guard let literal else { return !values.isEmpty }
        let equal = values.contains { $0.matches(literal) }
        return negated ? !equal : equal
    }
}
