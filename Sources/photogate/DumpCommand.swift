import ArgumentParser
import DICOM

/// `photogate dump FILE.dcm`
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the main attributes of a DICOM file."
    )

    @Argument(help: "The DICOM file.")
    var file: String

    func run() throws {
        do {
            print(DicomSummary.render(try DicomFile(path: file)))
        } catch {
            throw CommandFailure.exit(error, command: "dump")
        }
    }
}
