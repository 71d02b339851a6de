/// How a resource reference in Consent.provision.data is to be read (FHIR R4 valueset-consent-data-meaning.html).
public enum ConsentDataMeaning: String, FHIRCode {
    case instance
    case related
    case dependents
    case authoredby

    public static let valueSet = "http://hl7.org/fhir/ValueSet/consent-data-meaning"
}
