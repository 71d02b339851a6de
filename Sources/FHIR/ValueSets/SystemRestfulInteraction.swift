/// Operations on the whole system (FHIR R4 valueset-system-restful-interaction.html).
public enum SystemRestfulInteraction: String, FHIRCode {
    case transaction
    case batch
    case searchSystem = "search-system"
    case historySystem = "history-system"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/system-restful-interaction"
}
