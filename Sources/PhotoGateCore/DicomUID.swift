import Foundation

/// Makes DICOM UIDs (PS3.5 §9). Injected wherever UIDs are created so tests can fix them.
public protocol UIDGenerating: Sendable {
    func makeUID() -> String
}

/// UIDs under a configured organisational root, or — with no root configured — the
/// `2.25` arc derived from a random UUID (PS3.5 §B.2, ISO/IEC 9834-8), which needs no
/// registration and never collides with DCMTK's sample root.
public struct DicomUIDGenerator: UIDGenerating {
    /// The root, without a trailing dot. `nil` means `2.25.<uuid>`.
    public let root: String?

    /// - Throws: ``PGError`` (`PG-1009`) when the root is not a valid UID prefix.
    public init(root: String?) throws {
        if let root, !root.isEmpty {
            try Self.validateRoot(root)
            self.root = root
        } else {
            self.root = nil
        }
    }

    public func makeUID() -> String {
        let uuid = UUID().uuid
        var value: UInt128 = 0
        withUnsafeBytes(of: uuid) { for byte in $0 { value = value << 8 | UInt128(byte) } }
        guard let root else { return "2.25." + String(value) }
        // Keep the whole UID within the 64-character limit of the UI VR (PS3.5 §6.2).
        var suffix = String(value)
        let room = 64 - root.count - 1
        if suffix.count > room { suffix = String(suffix.suffix(room)) }
        while suffix.count > 1 && suffix.hasPrefix("0") { suffix.removeFirst() }
        return root + "." + suffix
    }

    /// A root must be dot-separated numeric components without leading zeros (PS3.5 §9.1)
    /// and leave at least 20 characters for the unique suffix.
    public static func validateRoot(_ root: String) throws {
        let components = root.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !components.isEmpty && components.allSatisfy { c in
            !c.isEmpty && c.allSatisfy { $0.isASCII && $0.isNumber } && (c == "0" || !c.hasPrefix("0"))
        }
        guard valid else {
            throw PGError(.invalidUIDRoot, "UID root '\(root)' is not a dotted list of numbers without leading zeros")
        }
        guard root.count <= 43 else {
            throw PGError(.invalidUIDRoot, "UID root '\(root)' is longer than 43 characters (no room for a unique suffix)")
        }
    }
}
