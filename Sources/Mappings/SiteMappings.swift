import Foundation
import PhotoGateCore

/// All of a site's mappings, loaded from a directory (default `Mappings/` at the repository
/// root; `--mappings DIR` / `PHOTOGATE_MAPPINGS`). Loading validates everything; the first
/// mistake is reported as `file:line: what is wrong`.
public struct SiteMappings: Sendable, Equatable {
    public var directory: String
    public var identifiers: IdentifierMapping
    public var patient: PatientFieldMapping
    public var death: DeathMapping
    public var consent: ConsentMapping
    public var bodySites: BodySiteCatalog
    public var dicom: DicomMapping

    /// The files a mappings directory must hold.
    public static let files = ["identifiers.yaml", "hl7-patient.yaml", "death.yaml", "consent.yaml", "body-sites.yaml", "dicom.yaml"]

    public static func load(directory: String) throws -> SiteMappings {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw PGError(.invalidConfiguration, "mappings directory \(directory) does not exist")
        }
        func node(_ name: String) throws -> YAMLNode {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MappingError(file: name, line: 0, "missing (a mappings directory holds \(files.joined(separator: ", ")))")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw MappingError(file: name, line: 0, "not UTF-8") }
            return try YAMLNode.parse(text, file: name)
        }
        do {
            let identifiers = try IdentifierMapping.load(try node("identifiers.yaml"))
            return SiteMappings(
                directory: directory, identifiers: identifiers,
                patient: try PatientFieldMapping.load(try node("hl7-patient.yaml")),
                death: try DeathMapping.load(try node("death.yaml")),
                consent: try ConsentMapping.load(try node("consent.yaml")),
                bodySites: try BodySiteMapping.load(try node("body-sites.yaml")),
                dicom: try DicomMapping.load(try node("dicom.yaml"), identifiers: identifiers))
        } catch let error as MappingError {
            throw error.pgError
        }
    }
}
