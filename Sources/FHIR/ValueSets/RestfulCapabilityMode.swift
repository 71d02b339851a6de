/// Client or server side of the RESTful API (FHIR R4 valueset-restful-capability-mode.html).
public enum RestfulCapabilityMode: String, FHIRCode {
    case client
    case server

    public static let valueSet = "http://hl7.org/fhir/ValueSet/restful-capability-mode"
}
