/// A reference to an HL7 v2 field or component in a mapping file: `PID-3`, `PID-5.1`,
/// `PV1-36`, `MSH-9.2`, `PID-3.4.2` (segment, field, component, sub-component; 1-based,
/// HL7 v2.5.1 §2.5 numbering, MSH-1 is the field separator).
public struct FieldRef: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let segment: String
    public let field: Int
    public let component: Int?
    public let subcomponent: Int?

    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 3,
              parts[0].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }), parts[0].first!.isLetter
        else { return nil }
        let numbers = parts[1].split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(numbers.count), numbers.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
        segment = String(parts[0])
        field = numbers[0]!
        component = numbers.count > 1 ? numbers[1] : nil
        subcomponent = numbers.count > 2 ? numbers[2] : nil
    }

    public var description: String {
        "\(segment)-\(field)" + (component.map { ".\($0)" } ?? "") + (subcomponent.map { ".\($0)" } ?? "")
    }
}

extension YAMLNode {
    func fieldRef() throws -> FieldRef {
        let text = try string()
        guard let ref = FieldRef(text) else {
            throw error("'\(text)' is not an HL7 field reference like PID-3, PID-5.1 or PV1-36")
        }
        return ref
    }
}
