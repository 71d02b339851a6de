/// `hl7-patient.yaml`: where the patient's facts are in an HL7 v2 message (HL7 v2.5.1 §3.4.2
/// PID, §3.4.4 MRG) and how coded values translate to FHIR.
public struct PatientFieldMapping: Sendable, Equatable {
    /// PID-3: repeating CX.
    public var identifiers: FieldRef
    /// PID-5: repeating XPN; the first repetition whose XPN.7 name type is in `preferNameTypes`
    /// (in that order) wins, else the first repetition.
    public var name: FieldRef
    public var preferNameTypes: [String]
    /// PID-7 (TS/DTM).
    public var birthDate: FieldRef
    /// PID-8 with HL7 Table 0001 → FHIR administrative-gender.
    public var gender: FieldRef
    public var genderMap: [String: String]
    /// MRG-1: the prior patient's identifiers in a merge (A40).
    public var priorIdentifiers: FieldRef

    static let fhirGenders: Set<String> = ["male", "female", "other", "unknown"]

    static func load(_ root: YAMLNode) throws -> PatientFieldMapping {
        let top = try root.mapping(allowed: ["identifiers", "name", "birthDate", "gender", "merge"],
                                   required: ["identifiers", "name", "birthDate", "gender", "merge"])
        let name = try top["name"]!.mapping(allowed: ["field", "preferTypes"], required: ["field"])
        let gender = try top["gender"]!.mapping(allowed: ["field", "map"], required: ["field", "map"])
        var map: [String: String] = [:]
        let mapNode = gender["map"]!
        for (key, value) in try mapNode.mapping(allowed: Set(mapNode.node.mapping?.keys.compactMap { $0.scalar?.string } ?? [])) {
            let target = try value.string()
            guard fhirGenders.contains(target) else {
                throw value.error("'\(target)' is not a FHIR administrative-gender (male, female, other, unknown)")
            }
            map[key] = target
        }
        let merge = try top["merge"]!.mapping(allowed: ["priorIdentifiers"], required: ["priorIdentifiers"])
        return PatientFieldMapping(
            identifiers: try top["identifiers"]!.mapping(allowed: ["field"], required: ["field"])["field"]!.fieldRef(),
            name: try name["field"]!.fieldRef(), preferNameTypes: try name["preferTypes"]?.strings() ?? [],
            birthDate: try top["birthDate"]!.mapping(allowed: ["field"], required: ["field"])["field"]!.fieldRef(),
            gender: try gender["field"]!.fieldRef(), genderMap: map,
            priorIdentifiers: try merge["priorIdentifiers"]!.fieldRef())
    }
}
