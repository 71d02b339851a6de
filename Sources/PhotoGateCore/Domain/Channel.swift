/// A publication channel: `website`, `intranet`, `social-media`, `print`, plus whatever a
/// site's mappings add. Compared by name.
public struct Channel: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { rawValue = name }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }

    public static let website: Channel = "website"
    public static let intranet: Channel = "intranet"
    public static let socialMedia: Channel = "social-media"
    public static let print: Channel = "print"

    /// The channels every deployment has.
    public static let standard: [Channel] = [.website, .intranet, .socialMedia, .print]

    /// Channel names are lower-case letters, digits and hyphens (1–64 characters).
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
