import HL7

/// What an expectation or a capture looks at in a step's ``Observation``.
public enum Subject: Sendable, CustomStringConvertible {
    /// The HTTP status code.
    case status
    /// A response header (case-insensitive name); every value it has.
    case header(String)
    /// The response body as text.
    case body
    /// An RFC 6901 pointer into the JSON result (HTTP body, DIMSE result, event page).
    case json(JSONPointer)
    /// A FHIRPath-like expression over the JSON result (``PathExpression``).
    case path(PathExpression)
    /// A field of the `ack`-th acknowledgment (from 1), HL7 terser syntax: `MSA-1`, `ERR-3.1`.
    case hl7(ack: Int, path: HL7Path)
    /// How many acknowledgments arrived.
    case ackCount

    public var description: String {
        switch self {
        case .status: return "HTTP status"
        case .header(let name): return "header \(name)"
        case .body: return "body"
        case .json(let p): return "json \(p.description.isEmpty ? "(document)" : p.description)"
        case .path(let p): return "path \(p.description)"
        case .hl7(let ack, let path): return ack == 1 ? "ACK \(path)" : "ACK #\(ack) \(path)"
        case .ackCount: return "number of ACKs"
        }
    }

    /// The subject with `${variables}` replaced in a path expression (`where(id='${assetId}')`)
    /// or a header name.
    func substituting(_ variables: Variables) throws -> Subject {
        switch self {
        case .path(let p) where p.description.contains("${"):
            return .path(try PathExpression(try variables.substitute(p.description)))
        case .header(let name) where name.contains("${"):
            return .header(try variables.substitute(name))
        default:
            return self
        }
    }

    /// The keys of a case file that name a subject.
    static let keys = ["status", "header", "body", "json", "path", "hl7", "acks"]

    /// The values the subject selects (empty when absent), or why it does not apply.
    func values(in observation: Observation) -> Result<[JSON], SubjectError> {
        switch self {
        case .status:
            guard let status = observation.status else { return .failure(SubjectError("the step has no HTTP status")) }
            return .success([.number(Double(status))])
        case .header(let name):
            return .success(observation.headers.filter { $0.0.lowercased() == name.lowercased() }.map { .string($0.1) })
        case .body:
            guard let body = observation.body else { return .failure(SubjectError("the step has no body")) }
            return .success([.string(body)])
        case .json(let pointer):
            guard let json = observation.json else { return .failure(SubjectError("the answer is not JSON")) }
            return .success(pointer.resolve(in: json).map { [$0] } ?? [])
        case .path(let expression):
            guard let json = observation.json else { return .failure(SubjectError("the answer is not JSON")) }
            return .success(expression.evaluate(json))
        case .hl7(let ack, let path):
            guard observation.acks.count >= ack else {
                return .failure(SubjectError("ACK #\(ack) did not arrive (\(observation.acks.count) received)"))
            }
            guard let message = observation.acks[ack - 1] else {
                return .failure(SubjectError("ACK #\(ack) is not a parsable HL7 message"))
            }
            return .success(message.value(at: path).map { [.string($0)] } ?? [])
        case .ackCount:
            return .success([.number(Double(observation.acks.count))])
        }
    }
}

public struct SubjectError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
