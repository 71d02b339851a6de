import FHIR
import Foundation
import PhotoGateCore
import Testing

/// Errors become OperationOutcomes the HTTP layer can send (FHIR R4 operationoutcome.html).
struct OperationOutcomeTests {
    @Test func errorHelperBuildsOneErrorIssue() throws {
        let outcome = OperationOutcome.error(code: .required, diagnostics: "'status' is required", expression: ["Consent.status"])
        #expect(outcome.hasErrors)
        let json = String(decoding: FHIRJSON.encode(outcome), as: UTF8.self)
        #expect(json == #"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"required","diagnostics":"'status' is required","expression":["Consent.status"]}]}"#)
    }

    @Test func informationHelperHasNoErrors() {
        #expect(!OperationOutcome.information("deleted").hasErrors)
    }

    @Test func decodingErrorsBecomeAnOperationOutcome() throws {
        // Given a document with two problems
        let json = #"{"resourceType":"Patient","gender":"F","birthDate":"1948-02-30"}"#
        let error = try #require(throws: FHIRError.self) { try FHIRJSON.decode(Data(json.utf8)) }
        // Then the outcome lists both, with codes and expressions
        let outcome = error.operationOutcome
        #expect(outcome.issue.map(\.code) == [.value, .value])
        #expect(outcome.issue.map(\.expression) == [["Patient.gender"], ["Patient.birthDate"]])
        #expect(outcome.issue.allSatisfy { $0.severity == .error && $0.diagnostics?.isEmpty == false })
        try outcome.asResource.validate()
    }

    @Test func errorsMapToTheRegistry() throws {
        let invalid = FHIRError(.structure, path: "Patient.name", "repeats")
        #expect(invalid.pgError.code == .badRequest)
        #expect(invalid.pgError.code.httpStatus == 400)
        let tooLarge = try #require(throws: FHIRError.self) {
            try FHIRJSON.decode(Data(#"{"resourceType":"Patient"}"#.utf8), limits: FHIRDecodingLimits(maxBytes: 4))
        }
        #expect(tooLarge.pgError.code == .payloadTooLarge)
        #expect(tooLarge.pgError.code.httpStatus == 413)
        #expect(invalid.description == "structure at Patient.name: repeats")
    }
}
