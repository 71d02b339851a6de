/// Whether a consent provision permits or denies (FHIR R4 valueset-consent-provision-type.html).
public enum ConsentProvisionType: String, FHIRCode {
    case deny
    case permit

    public static let valueSet = "http://hl7.org/fhir/ValueSet/consent-provision-type"
}
