/// `dicom.yaml`: how a patient fills the DICOM Patient module (PS3.3 C.7.1.1) and which
/// character set the gateway writes (PS3.3 C.12.1.1.2).
public struct DicomMapping: Sendable, Equatable {
    public enum CharacterSet: String, Sendable, Equatable {
        /// ISO_IR 192 (UTF-8) only when a value is not ASCII; otherwise none (default repertoire).
        case auto
        /// Always ISO_IR 192.
        case utf8 = "ISO_IR 192"
    }

    /// Patient ID comes from the identifier with this system (`mrn` = the MRN system).
    public var patientIDSystem: String
    public var characterSet: CharacterSet

    static func load(_ root: YAMLNode, identifiers: IdentifierMapping) throws -> DicomMapping {
        let top = try root.mapping(allowed: ["patientID", "characterSet"], required: ["patientID"])
        let source = try top["patientID"]!.nonEmptyString()
        let system = source == "mrn" ? identifiers.mrnSystem : source
        guard identifiers.rules.contains(where: { $0.system == system }) else {
            throw top["patientID"]!.error("'\(source)' is neither mrn nor a system listed in identifiers.yaml")
        }
        let charsetText = try top["characterSet"]?.string() ?? "auto"
        guard let charset = CharacterSet(rawValue: charsetText) else {
            throw top["characterSet"]!.error("characterSet must be auto or ISO_IR 192")
        }
        return DicomMapping(patientIDSystem: system, characterSet: charset)
    }
}
