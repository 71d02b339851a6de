/// The HTTP method of a transaction or batch entry (FHIR R4 valueset-http-verb.html).
public enum HTTPVerb: String, FHIRCode {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
    case patch = "PATCH"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/http-verb"
}
