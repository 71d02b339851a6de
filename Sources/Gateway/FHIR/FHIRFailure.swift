import FHIR
import Hummingbird
import NIOCore
import PhotoGateCore

/// A failed FHIR interaction: the HTTP status and the OperationOutcome that explains it
/// (FHIR R4 http.html: errors are returned as an OperationOutcome; issue codes from the
/// `issue-type` value set).
struct FHIRFailure: Error {
    var status: HTTPResponse.Status
    var outcome: OperationOutcome

    init(_ status: Int, _ code: IssueType, _ message: String, expression: [String] = []) {
        self.status = .init(code: status)
        outcome = .error(code: code, diagnostics: message, expression: expression)
    }

    init(status: Int, outcome: OperationOutcome) {
        self.status = .init(code: status)
        self.outcome = outcome
    }

    /// Maps anything an interaction throws: parse errors (400, or 413 when too long),
    /// registry errors by their HTTP status, anything else 500 `exception`.
    static func from(_ error: any Error) -> FHIRFailure {
        switch error {
        case let e as FHIRFailure: return e
        case let e as FHIRError:
            return FHIRFailure(status: e.codes.contains(.tooLong) ? 413 : 400, outcome: e.operationOutcome)
        case let e as PGError: return from(e)
        case let e as PublicationDenied:
            // One issue per reason, so a client sees every reason the decision gave.
            var outcome = from(e.error).outcome
            outcome.issue += e.decision.reasons.map {
                OperationOutcome.Issue(severity: .error, code: .businessRule, details: CodeableConcept(
                    system: "http://photogate.org/fhir/CodeSystem/decision-reason", code: $0.rawValue), diagnostics: "denied: \($0.rawValue)")
            }
            return FHIRFailure(status: 403, outcome: outcome)
        case is NIOTooManyBytesError: return FHIRFailure(413, .tooLong, "the request body is too large")
        case let e as HTTPError: return FHIRFailure(Int(e.status.code), .processing, e.body ?? e.status.reasonPhrase)
        default: return FHIRFailure(500, .exception, "internal error")
        }
    }

    static func from(_ e: PGError) -> FHIRFailure {
        let code: IssueType = switch e.code {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalidStateTransition, .releaseRequiresNote, .releaseRequiresConsent, .publicationDenied: .businessRule
        case .missingRequired: .required
        case .badRequest, .invalidAttribute, .inputUnreadable: .invalid
        case .unknownBodySite: .codeInvalid
        case .forbidden: .forbidden
        case .unauthenticated: .login
        case .payloadTooLarge, .imageTooLarge: .tooLong
        case .unsupportedMediaType, .unsupportedFormat, .unsupportedJPEGProcess: .notSupported
        default: .exception
        }
        return FHIRFailure(e.code.httpStatus, code, e.message)
    }
}
