/// The body sites a site knows, looked up by SNOMED CT code or Body Part Examined term.
/// Loaded from `Mappings/body-sites.yaml` (see `Mappings/README.md`).
public struct BodySiteCatalog: Sendable, Equatable {
    public let sites: [BodySite]

    public init(sites: [BodySite]) { self.sites = sites }

    public func site(snomedCode: String) -> BodySite? {
        sites.first { $0.snomedCode == snomedCode }
    }

    public func site(bodyPart: String) -> BodySite? {
        let term = bodyPart.uppercased()
        return sites.first { $0.bodyPartExamined == term }
    }

    /// Resolves `--body-part NAME` or `--body-site CODE`; an unknown value is an error that
    /// lists what is known, so the user can correct it.
    public func resolve(bodyPart: String?, snomedCode: String?) throws -> BodySite? {
        if let snomedCode {
            guard let found = site(snomedCode: snomedCode) else {
                throw PGError(.unknownBodySite, "unknown SNOMED CT body site code '\(snomedCode)' (known: "
                    + sites.map(\.snomedCode).joined(separator: ", ") + ")")
            }
            if let bodyPart, found.bodyPartExamined != bodyPart.uppercased() {
                throw PGError(.unknownBodySite, "body part '\(bodyPart)' contradicts body site \(snomedCode) (\(found.meaning))")
            }
            return found
        }
        guard let bodyPart else { return nil }
        guard let found = site(bodyPart: bodyPart) else {
            throw PGError(.unknownBodySite, "unknown body part '\(bodyPart)' (known: "
                + sites.map(\.bodyPartExamined).joined(separator: ", ") + ")")
        }
        return found
    }
}
