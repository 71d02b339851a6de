import PhotoGateCore

/// `consent.yaml`: which FHIR Consent codes mean photo publication, and which codes name
/// which channel (FHIR R4 Consent: `category`, `scope`, `provision.purpose`,
/// `provision.action`, `provision.code`).
public struct ConsentMapping: Sendable, Equatable {
    public struct Code: Sendable, Equatable, Hashable {
        public var system: String
        public var code: String

        public init(system: String, code: String) {
            self.system = system
            self.code = code
        }
    }

    /// Where in a provision a channel code is read.
    public enum Element: String, Sendable, Equatable, CaseIterable {
        case purpose, action, code
    }

    public struct ChannelRule: Sendable, Equatable {
        public var channel: Channel
        public var codes: [(element: Element, code: Code)]
        public var line: Int

        public static func == (a: ChannelRule, b: ChannelRule) -> Bool {
            a.channel == b.channel && a.line == b.line
                && a.codes.map { "\($0.element)|\($0.code.system)|\($0.code.code)" } == b.codes.map { "\($0.element)|\($0.code.system)|\($0.code.code)" }
        }
    }

    /// `Consent.category` / `Consent.scope` codings that mark a consent as a photo-publication
    /// consent (others are not the gateway's business and are refused as not supported).
    public var publicationCodes: [Code]
    public var channels: [ChannelRule]
    /// Channels a publication consent whose provision names no channel code permits
    /// (default: none — a consent must say where).
    public var unspecified: [Channel]

    /// Every channel this site has.
    public var allChannels: [Channel] { channels.map(\.channel) }

    /// The channels named by a provision's codes, in file order.
    public func channels(purposes: [Code], actions: [Code], codes: [Code]) -> [Channel] {
        channels.filter { rule in
            rule.codes.contains { c in
                switch c.element {
                case .purpose: return purposes.contains(c.code)
                case .action: return actions.contains(c.code)
                case .code: return codes.contains(c.code)
                }
            }
        }.map(\.channel)
    }

    public func isPublicationConsent(_ codings: [Code]) -> Bool {
        codings.contains { publicationCodes.contains($0) }
    }

    static func load(_ root: YAMLNode) throws -> ConsentMapping {
        let top = try root.mapping(allowed: ["publicationConsent", "channels", "unspecified"],
                                   required: ["publicationConsent", "channels"])
        let publication = try top["publicationConsent"]!.sequence().map(loadCode)
        guard !publication.isEmpty else { throw top["publicationConsent"]!.error("list at least one category or scope code") }
        var rules: [ChannelRule] = []
        var codeOwners: [String: Int] = [:]
        for entry in try top["channels"]!.sequence() {
            let m = try entry.mapping(allowed: ["name", "codes"], required: ["name", "codes"])
            let name = try m["name"]!.nonEmptyString()
            guard Channel.isValidName(name) else {
                throw m["name"]!.error("'\(name)' is not a channel name (lower-case letters, digits, hyphens)")
            }
            if let first = rules.first(where: { $0.channel.rawValue == name }) {
                throw m["name"]!.error("channel '\(name)' is defined twice (first at line \(first.line))")
            }
            var codes: [(Element, Code)] = []
            for c in try m["codes"]!.sequence() {
                let cm = try c.mapping(allowed: ["element", "system", "code"], required: ["element", "system", "code"])
                let elementText = try cm["element"]!.string()
                guard let element = Element(rawValue: elementText) else {
                    throw cm["element"]!.error("element must be purpose, action or code")
                }
                let code = Code(system: try cm["system"]!.nonEmptyString(), code: try cm["code"]!.nonEmptyString())
                let key = "\(element)|\(code.system)|\(code.code)"
                if let first = codeOwners[key] {
                    throw c.error("\(element) \(code.system)|\(code.code) is already mapped to a channel at line \(first)")
                }
                codeOwners[key] = c.line
                codes.append((element, code))
            }
            guard !codes.isEmpty else { throw m["codes"]!.error("a channel needs at least one code") }
            rules.append(ChannelRule(channel: Channel(name), codes: codes, line: entry.line))
        }
        var unspecified: [Channel] = []
        if let node = top["unspecified"] {
            for item in try node.sequence() {
                let name = try item.string()
                guard rules.contains(where: { $0.channel.rawValue == name }) else {
                    throw item.error("unknown channel '\(name)' (channels: \(rules.map(\.channel.rawValue).joined(separator: ", ")))")
                }
                unspecified.append(Channel(name))
            }
        }
        return ConsentMapping(publicationCodes: publication, channels: rules, unspecified: unspecified)
    }

    static func loadCode(_ node: YAMLNode) throws -> Code {
        let m = try node.mapping(allowed: ["system", "code"], required: ["system", "code"])
        return Code(system: try m["system"]!.nonEmptyString(), code: try m["code"]!.nonEmptyString())
    }
}
