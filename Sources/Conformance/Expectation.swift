import Foundation

/// A declarative check of one step's answer: a ``Subject``, an operator and the expected
/// value, as written in `case.yaml`:
///
///     - status: 201                         # shorthand for equals
///     - json: /state
///       equals: to-be-assessed
///     - path: issue.where(severity='error').code
///       oneOf: [not-found, processing]
///     - hl7: ERR-3.1
///       equals: "101"
public struct Expectation: Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case equals, notEquals, contains, notContains, matches, exists, oneOf, count, greaterThan, lessThan
    }

    public let subject: Subject
    public let op: Operator
    public let expected: JSON
    /// The line in `case.yaml`.
    public let line: Int

    public init(subject: Subject, op: Operator, expected: JSON, line: Int) {
        self.subject = subject
        self.op = op
        self.expected = expected
        self.line = line
    }

    /// `json /state equals "active"`
    public var summary: String { "\(subject) \(op.rawValue) \(expected.display)" }

    /// Checks the expectation against an observation.
    public func check(_ observation: Observation) -> AssertionResult {
        switch subject.values(in: observation) {
        case .failure(let error):
            return AssertionResult(expectation: self, passed: false, actual: "(\(error.description))", diff: nil)
        case .success(let values):
            let passed = holds(values)
            // Against an expected list, show the selected values as a list too (a readable diff).
            var actual = Self.render(values)
            if case .array = expected, op == .equals || op == .notEquals, !(values.count == 1 && { if case .array = values[0] { return true } else { return false } }()) {
                actual = JSON.array(values).prettyText
            }
            var diff: String?
            if !passed, [.equals, .contains, .matches].contains(op) {
                diff = LineDiff.unified(expected: expectedText, actual: actual)
            }
            return AssertionResult(expectation: self, passed: passed, actual: actual, diff: diff)
        }
    }

    private var expectedText: String {
        switch expected {
        case .string(let s): return s
        default: return expected.prettyText
        }
    }

    static func render(_ values: [JSON]) -> String {
        if values.isEmpty { return "(absent)" }
        if values.count == 1 {
            if case .string(let s) = values[0] { return s }
            return values[0].prettyText
        }
        return JSON.array(values).prettyText
    }

    private func holds(_ values: [JSON]) -> Bool {
        let single = values.count == 1 ? values[0] : nil
        switch op {
        case .equals: return equals(values)
        case .notEquals: return !equals(values)
        case .contains: return contains(values)
        case .notContains: return !contains(values)
        case .matches:
            guard let text = single?.stringValue,
                  let regex = try? NSRegularExpression(pattern: expected.display, options: [.dotMatchesLineSeparators]) else { return false }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        case .exists:
            let want = expected == .bool(true) || expected.display == "true"
            return want == !values.isEmpty
        case .oneOf:
            guard let single, case .array(let options) = expected else { return false }
            return options.contains { single.matches($0) }
        case .count:
            let n: Int
            if let single, case .array(let a) = single { n = a.count } else { n = values.count }
            return JSON.number(Double(n)).matches(expected)
        case .greaterThan, .lessThan:
            guard let a = single?.stringValue.flatMap(Double.init), let b = expected.stringValue.flatMap(Double.init) else { return false }
            return op == .greaterThan ? a > b : a < b
        }
    }

    private func equals(_ values: [JSON]) -> Bool {
        if expected == .null { return values.isEmpty || values == [.null] }
        if case .array = expected { return JSON.array(values).matches(expected) || (values.count == 1 && values[0].matches(expected)) }
        return values.count == 1 && values[0].matches(expected)
    }

    private func contains(_ values: [JSON]) -> Bool {
        if values.count == 1, case .string(let s) = values[0] { return s.contains(expected.display) }
        if values.count == 1, case .array(let a) = values[0] { return a.contains { $0.matches(expected) } }
        return values.contains { $0.matches(expected) }
    }
}
