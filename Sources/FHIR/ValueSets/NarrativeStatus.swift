/// How a narrative was made (FHIR R4 valueset-narrative-status.html).
public enum NarrativeStatus: String, FHIRCode {
    case generated
    case extensions
    case additional
    case empty

    public static let valueSet = "http://hl7.org/fhir/ValueSet/narrative-status"
}
