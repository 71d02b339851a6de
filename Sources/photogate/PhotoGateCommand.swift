import ArgumentParser

/// `photogate` — the PhotoGate command line. Each subcommand lives in its own file; all
/// logic lives in the libraries.
@main
struct PhotoGateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "photogate",
        abstract: "DICOM / HL7-FHIR integration gateway for clinical photographs.",
        version: "0.1.0",
        subcommands: [ServeCommand.self, WrapCommand.self, DumpCommand.self, TokenCommand.self, AuditCommand.self,
                      MappingsCommand.self, ConformanceCommand.self]
    )
}
