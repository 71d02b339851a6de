/// How a hospital's identifiers are spelled on each interface (`identifiers.yaml`).
///
/// HL7 v2 PID-3 is a repeating CX: CX.1 the id, CX.4 the assigning authority (HD: namespace
/// id `^`-component 1, universal id component 2), CX.5 the identifier type (Table 0203, `MR`
/// medical record number). FHIR uses `Identifier.system`; DICOM Issuer of Patient ID
/// (0010,0021). Exactly one entry is the MRN: the identifier patients are matched on.
public struct IdentifierMapping: Sendable, Equatable {
    public struct HL7Match: Sendable, Equatable {
        /// CX.4.1 namespace id or CX.4.2 universal id; nil = any.
        public var assigningAuthority: String?
        /// CX.5 identifier type code; nil = any.
        public var type: String?

        func matches(authorityNamespace: String?, authorityUniversalID: String?, type cxType: String?) -> Bool {
            if let assigningAuthority, assigningAuthority != authorityNamespace, assigningAuthority != authorityUniversalID {
                return false
            }
            if let type, type != cxType { return false }
            return true
        }
    }

    public struct Rule: Sendable, Equatable {
        public var system: String
        public var mrn: Bool
        public var hl7: [HL7Match]
        public var dicomIssuer: String?
        public var line: Int
    }

    public var rules: [Rule]

    /// The system of the identifier patients are matched on.
    public var mrnSystem: String { rules.first(where: \.mrn)!.system }

    /// The FHIR system for an HL7 CX, by the first rule (in file order) that matches; nil
    /// when no rule matches (the identifier is then kept under ``unmappedSystem(_:_:)``).
    public func system(authorityNamespace: String?, authorityUniversalID: String?, type: String?) -> String? {
        rules.first { rule in
            rule.hl7.contains { $0.matches(authorityNamespace: authorityNamespace, authorityUniversalID: authorityUniversalID, type: type) }
        }?.system
    }

    /// The system given to a CX no rule maps: kept, never used for matching.
    public static func unmappedSystem(_ authority: String?, _ type: String?) -> String {
        "urn:photogate:hl7v2:" + (authority ?? "") + ":" + (type ?? "")
    }

    /// Issuer of Patient ID (0010,0021) for a system.
    public func dicomIssuer(system: String) -> String? {
        rules.first { $0.system == system }?.dicomIssuer
    }

    /// The system whose Issuer of Patient ID (0010,0021) is `issuer`, if a rule names it.
    public func system(dicomIssuer issuer: String) -> String? {
        rules.first { $0.dicomIssuer == issuer }?.system
    }

    /// Whether `system` is the MRN system.
    public func isMRN(_ system: String) -> Bool { system == mrnSystem }

    static func load(_ root: YAMLNode) throws -> IdentifierMapping {
        let top = try root.mapping(allowed: ["identifiers"], required: ["identifiers"])
        var rules: [Rule] = []
        var seen: [String: Int] = [:]
        for entry in try top["identifiers"]!.sequence() {
            let m = try entry.mapping(allowed: ["system", "mrn", "hl7", "dicom"], required: ["system"])
            let system = try m["system"]!.nonEmptyString()
            guard system.contains(":"), !system.contains(" "), !system.contains("|") else {
                throw m["system"]!.error("system '\(system)' must be a URI such as urn:oid:1.2.3 or https://…")
            }
            if let first = seen[system] { throw m["system"]!.error("system '\(system)' is already mapped at line \(first)") }
            seen[system] = entry.line
            var matches: [HL7Match] = []
            for h in try m["hl7"]?.sequence() ?? [] {
                let hm = try h.mapping(allowed: ["assigningAuthority", "type"])
                let match = HL7Match(assigningAuthority: try hm["assigningAuthority"]?.nonEmptyString(),
                                     type: try hm["type"]?.nonEmptyString())
                guard match.assigningAuthority != nil || match.type != nil else {
                    throw h.error("an hl7 match needs assigningAuthority, type, or both")
                }
                if let earlier = rules.first(where: { $0.hl7.contains(match) }) {
                    throw h.error("this HL7 assigning authority/type is already mapped to \(earlier.system) (line \(earlier.line))")
                }
                matches.append(match)
            }
            var issuer: String?
            if let d = m["dicom"] {
                let dm = try d.mapping(allowed: ["issuer"], required: ["issuer"])
                let value = try dm["issuer"]!.nonEmptyString()
                guard value.count <= 64, !value.contains("\\") else {
                    throw dm["issuer"]!.error("issuer must be at most 64 characters without backslash (DICOM LO)")
                }
                issuer = value
            }
            rules.append(Rule(system: system, mrn: try m["mrn"]?.bool() ?? false, hl7: matches, dicomIssuer: issuer,
                              line: entry.line))
        }
        let mrns = rules.filter(\.mrn)
        guard mrns.count == 1 else {
            throw root.error(mrns.isEmpty ? "no identifier is marked mrn: true (patients are matched on it)"
                                          : "more than one identifier is marked mrn: true (lines \(mrns.map { String($0.line) }.joined(separator: ", ")))")
        }
        return IdentifierMapping(rules: rules)
    }
}
