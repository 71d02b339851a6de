/// A business identifier, `system|value` (FHIR R4 Identifier; HL7 v2 CX.4 + CX.1).
public struct Identifier: Sendable, Hashable, Codable, CustomStringConvertible {
    public var system: String
    public var value: String

    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }

    /// Parses `system|value` (FHIR token search syntax). A bare value has an empty system.
    public init?(token: String) {
        let parts = token.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard !parts[1].isEmpty else { return nil }
            self.init(system: String(parts[0]), value: String(parts[1]))
        } else {
            guard !token.isEmpty else { return nil }
            self.init(system: "", value: token)
        }
    }

    public var description: String { system.isEmpty ? value : "\(system)|\(value)" }
}
