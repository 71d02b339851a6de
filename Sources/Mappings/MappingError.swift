import PhotoGateCore

/// A mistake in a mapping file, located as `file:line`.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `identifiers.yaml:12: unknown key 'sytem' (known: system, mrn, hl7, dicom)`
    public var description: String { "\(file):\(line): \(message)" }

    public var pgError: PGError { PGError(.invalidConfiguration, description) }
}
