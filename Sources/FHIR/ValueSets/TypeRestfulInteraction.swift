/// Operations on a resource type (FHIR R4 valueset-type-restful-interaction.html).
public enum TypeRestfulInteraction: String, FHIRCode {
    case read
    case vread
    case update
    case patch
    case delete
    case historyInstance = "history-instance"
    case historyType = "history-type"
    case create
    case searchType = "search-type"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/type-restful-interaction"
}
