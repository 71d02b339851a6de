/// How a server versions a resource type (FHIR R4 valueset-versioning-policy.html).
public enum ResourceVersionPolicy: String, FHIRCode {
    case noVersion = "no-version"
    case versioned
    case versionedUpdate = "versioned-update"

    public static let valueSet = "http://hl7.org/fhir/ValueSet/versioning-policy"
}
