import Foundation

/// XMP packets PhotoGate writes into the files it hands out.
///
/// ```
/// <?xpacket begin="U+FEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
/// <x:xmpmeta xmlns:x="adobe:ns:meta/">
///  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
///   <rdf:Description rdf:about="" xmlns:plus="…" xmlns:pgc="…">
///    <plus:ModelReleaseStatus>http://ns.useplus.org/ldf/vocab/MR-LMR</plus:ModelReleaseStatus>
///    <pgc:PermittedChannels><rdf:Bag><rdf:li>website</rdf:li>…</rdf:Bag></pgc:PermittedChannels>
///    …
///   </rdf:Description>
///  </rdf:RDF>
/// </x:xmpmeta>
/// <?xpacket end="w"?>
/// ```
/// Packet wrapper, the single `rdf:Description` and unordered arrays as `rdf:Bag` per
/// ISO 16684-1 (XMP Part 1) clause 7, serialization in RDF/XML.
public enum XMPPacket {
    /// PLUS License Data Format namespace (prefix `plus`).
    public static let plusNamespace = "http://ns.useplus.org/ldf/xmp/1.0/"
    /// PhotoGate consent namespace (prefix `pgc`).
    public static let consentNamespace = "http://ns.photogate.org/xmp/consent/1.0/"
    /// PLUS controlled vocabulary values are URIs under this prefix (PLUS LDF 1.2); exiftool
    /// shows them without it.
    static let plusVocabulary = "http://ns.useplus.org/ldf/vocab/"

    /// The consent state of a publication rendition.
    ///
    /// - `plus:ModelReleaseStatus`: `MR-UMR` (unlimited) when the consent permits every
    ///   channel without an end date, otherwise `MR-LMR` (limited or incomplete);
    ///   `plus:ModelReleaseID`: a Bag with the consent id.
    /// - `pgc:AssetID`, `pgc:ConsentID`, `pgc:ConsentStatus`, `pgc:Channel`,
    ///   `pgc:PermittedChannels` (Bag), `pgc:ValidFrom` and `pgc:ValidUntil` (only when set),
    ///   `pgc:DecidedAt`.
    ///
    /// Dates are XMP Date values (ISO 16684-1 core value types, the W3C profile of ISO 8601)
    /// in UTC to the second, e.g. `2026-11-22T10:00:00Z`.
    public static func consent(_ c: RenditionConsent) -> String {
        let status = plusVocabulary + (c.allChannelsUnlimited ? "MR-UMR" : "MR-LMR")
        var properties: [String] = [
            simple("plus:ModelReleaseStatus", status),
            bag("plus:ModelReleaseID", [c.consentID]),
            simple("pgc:AssetID", c.assetID),
            simple("pgc:ConsentID", c.consentID),
            simple("pgc:ConsentStatus", c.consentStatus),
            simple("pgc:Channel", c.channel),
            bag("pgc:PermittedChannels", c.permittedChannels),
        ]
        if let from = c.validFrom { properties.append(simple("pgc:ValidFrom", date(from))) }
        if let until = c.validUntil { properties.append(simple("pgc:ValidUntil", date(until))) }
        properties.append(simple("pgc:DecidedAt", date(c.decidedAt)))

        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:plus="\(plusNamespace)"
                xmlns:pgc="\(consentNamespace)">
            \(properties.joined(separator: "\n"))
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }

    /// A simple property: `<name>value</name>`.
    static func simple(_ name: String, _ value: String) -> String {
        "   <\(name)>\(escaped(value))</\(name)>"
    }

    /// An unordered array property: `<name><rdf:Bag><rdf:li>…</rdf:li></rdf:Bag></name>`; an
    /// empty Bag when there are no items.
    static func bag(_ name: String, _ items: [String]) -> String {
        var lines = ["   <\(name)>", "    <rdf:Bag>"]
        lines += items.map { "     <rdf:li>\(escaped($0))</rdf:li>" }
        lines += ["    </rdf:Bag>", "   </\(name)>"]
        return lines.joined(separator: "\n")
    }

    /// XMP Date, UTC, whole seconds.
    static func date(_ d: Date) -> String {
        d.formatted(Date.ISO8601FormatStyle())
    }

    /// Escapes text for XML 1.0 element content: the five predefined entities, CR as a
    /// character reference (a literal CR would be normalised to LF by parsers, XML 1.0 §2.11),
    /// and characters outside XML 1.0 `Char` (§2.2: C0 controls other than tab and LF,
    /// U+FFFE, U+FFFF), which no XML document may contain, replaced by U+FFFD.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#xD;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
