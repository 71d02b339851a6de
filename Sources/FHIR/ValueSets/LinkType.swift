/// How two Patient resources are linked (FHIR R4 valueset-link-type.html); `replaced-by` marks a merged-away record.
public enum LinkType: String, FHIRCode {
    case replacedBy = "replaced-by"
    case replaces
    case refer
    case seealso

    public static let valueSet = "http://hl7.org/fhir/ValueSet/link-type"
}
