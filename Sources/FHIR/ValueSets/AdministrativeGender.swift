/// The gender of a person for administrative purposes (FHIR R4 valueset-administrative-gender.html).
public enum AdministrativeGender: String, FHIRCode {
    case male
    case female
    case other
    case unknown

    public static let valueSet = "http://hl7.org/fhir/ValueSet/administrative-gender"
}
