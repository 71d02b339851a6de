/// Why an entry is in a search result (FHIR R4 valueset-search-entry-mode.html).
public enum SearchEntryMode: String, FHIRCode {
    case match
    case include
    case outcome

    public static let valueSet = "http://hl7.org/fhir/ValueSet/search-entry-mode"
}
