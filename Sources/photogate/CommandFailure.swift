import ArgumentParser
import Foundation
import PhotoGateCore

/// Reports an error as one line on standard error and exits with a sysexits(3) code.
enum CommandFailure {
    static func exit(_ error: Error, command: String) -> ExitCode {
        let pg = (error as? PGError) ?? PGError(.internalError, String(describing: error))
        FileHandle.standardError.write(Data("photogate \(command): error: \(pg.description)\n".utf8))
        return ExitCode(exitCode(pg.code))
    }

    /// sysexits(3): 64 usage, 65 data error, 66 cannot open input, 70 internal, 73 cannot create output.
    static func exitCode(_ code: PGErrorCode) -> Int32 {
        switch code {
        case .missingRequired, .invalidUIDRoot: return 64
        case .inputUnreadable: return 66
        case .outputWriteFailed: return 73
        case .dicomToolkitUnavailable, .codecFailure, .internalError: return 70
        default: return 65
        }
    }
}
