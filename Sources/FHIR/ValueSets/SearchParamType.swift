/// The type of a search parameter (FHIR R4 valueset-search-param-type.html).
public enum SearchParamType: String, FHIRCode {
    case number
    case date
    case string
    case token
    case reference
    case composite
    case quantity
    case uri
    case special

    public static let valueSet = "http://hl7.org/fhir/ValueSet/search-param-type"
}
