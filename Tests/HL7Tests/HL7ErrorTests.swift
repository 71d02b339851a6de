import HL7
import PhotoGateCore
import Testing

/// HL7 errors and PhotoGate's error registry.
struct HL7ErrorTests {
    @Test(arguments: HL7ErrorCode.allCases)
    func everyConditionHasTextAndARegistryCode(code: HL7ErrorCode) {
        #expect(!code.text.isEmpty)
        #expect(PGErrorCode.allCases.contains(code.registryCode))
    }

    @Test(arguments: HL7ErrorCode.allCases.filter { ![.messageAccepted, .applicationRecordLocked].contains($0) })
    func everyReportedConditionMapsBothWays(code: HL7ErrorCode) {
        // Given a condition PhotoGate reports; Then its registry entry reports the same condition,
        // and rejects exactly when the condition does
        #expect(code.registryCode.hl7ErrorCondition == code.identifier)
        let error = HL7Error(code, "x")
        #expect(HL7Error(error.pgError).code == code)
        #expect((code.registryCode.hl7AckCode == "AR") == error.isRejection)
    }

    @Test func requiredFieldMapsBothWays() {
        // Given a registry error for a missing value; When reported in HL7
        let error = HL7Error(PGError(.missingRequired, "PID-3 is empty"), at: HL7ErrorLocation(segmentID: "PID", field: 3))
        // Then it is 101, and maps back to the same registry code
        #expect(error.code == .requiredFieldMissing)
        #expect(error.pgError.code == .missingRequired)
        #expect(error.pgError.description == "PG-1007: HL7 101 (Required field missing) at PID^1^3: PID-3 is empty")
    }

    @Test func registryDecidesWhether207Rejects() {
        // Given two 207 errors: our own failure, and a message over the size limit
        let ours = HL7Error(PGError(.internalError, "bug"))
        let tooLarge = HL7Error(.applicationInternalError, "too large", registryCode: .payloadTooLarge)
        // Then the first rejects (AR: retry may help), the second is an error (AE: it will not)
        #expect(ours.isRejection)
        #expect(!tooLarge.isRejection)
    }

    @Test func warningsNeverReject() {
        #expect(!HL7Error(.unsupportedVersionID, "2.2", severity: .warning).isRejection)
    }

    @Test func locationOfAPathFillsTheRepetitionBeforeAComponent() throws {
        #expect(HL7ErrorLocation(try HL7Path("PID-3.1")).description == "PID^1^3^1^1")
        #expect(HL7ErrorLocation(try HL7Path("NK1(2)-2")).description == "NK1^2^2")
    }
}
