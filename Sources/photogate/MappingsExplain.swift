import ArgumentParser
import Foundation
import Mappings
import PhotoGateCore

extension MappingsCommand {
    /// `photogate mappings explain --hl7 FILE` / `--fhir FILE`
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the patient or consent record the current mappings make of a message.")

        @Option(help: "The mappings directory (default: PHOTOGATE_MAPPINGS, else ./Mappings).")
        var mappings: String?

        @Option(help: "An HL7 v2 message file (segments separated by CR or newlines).")
        var hl7: String?

        @Option(help: "A FHIR R4 Consent or Patient (JSON or XML).")
        var fhir: String?

        func run() throws {
            do {
                let site = try SiteMappings.load(directory: MappingsCommand.directory(mappings))
                guard (hl7 == nil) != (fhir == nil) else {
                    throw PGError(.missingRequired, "give exactly one of --hl7 FILE or --fhir FILE")
                }
                if let hl7 { print(try MappingsExplainer.hl7(file: hl7, site: site)) }
                if let fhir { print(try MappingsExplainer.fhir(file: fhir, site: site)) }
            } catch {
                throw CommandFailure.exit(error, command: "mappings explain")
            }
        }
    }
}
