/// The lifecycle of a conformance resource (FHIR R4 valueset-publication-status.html).
public enum PublicationStatus: String, FHIRCode {
    case draft
    case active
    case retired
    case unknown

    public static let valueSet = "http://hl7.org/fhir/ValueSet/publication-status"
}
