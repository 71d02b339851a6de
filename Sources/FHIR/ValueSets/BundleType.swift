/// The purpose of a Bundle (FHIR R4 valueset-bundle-type.html).
public enum BundleType: String, FHIRCode {
    case document
    case message
    case transaction
    case transactionResponse = "transaction-response"
    case batch
    case batchResponse = "batch-response"
    case history
    case searchset
    case collection

    public static let valueSet = "http://hl7.org/fhir/ValueSet/bundle-type"
}
