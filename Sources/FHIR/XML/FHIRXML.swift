import Foundation

/// The FHIR XML format, `application/fhir+xml` (FHIR R4 xml.html), read with the safe
/// parser configuration of ``SafeXMLParser`` (no DTDs, no entities, UTF-8 only, size cap).
///
/// Limit of the platform parser: libxml2 refuses a single attribute value longer than
/// 10,000,000 bytes (`XML_MAX_TEXT_LENGTH`; FoundationXML cannot set `XML_PARSE_HUGE`), so an
/// inline `Attachment.data` / `Binary.data` over about 7.5 MB of content only reads as JSON.
public enum FHIRXML {
    public static let mediaType = "application/fhir+xml"
    public static let namespace = "http://hl7.org/fhir"

    /// Reads any supported resource; the type comes from the root element.
    /// - Throws: ``FHIRError``: `too-long` past `limits.maxBytes`; `structure` for XML that is
    ///   not well-formed, carries a DTD or entity declaration, is not UTF-8, or breaks the FHIR
    ///   XML rules; then the same issues as ``FHIRJSON/decode(_:limits:)``.
    public static func decode(_ data: Data, limits: FHIRDecodingLimits = .default) throws(FHIRError) -> FHIRResource {
        let root = try SafeXMLParser.parse(data, limits: limits)
        var reader = FHIRXMLReader()
        let node = reader.resource(root)
        guard let node, reader.issues.isEmpty else {
            throw FHIRError(issues: reader.issues.isEmpty ? [FHIRIssue(.structure, path: "", "not a FHIR resource")] : reader.issues)
        }
        return try FHIRResource.decodeTopLevel(node)
    }

    /// Reads a resource that must be of type `R`; another type is an `invalid` error.
    public static func decode<R: FHIRResourceModel>(_ type: R.Type, from data: Data,
                                                    limits: FHIRDecodingLimits = .default) throws(FHIRError) -> R {
        try decode(data, limits: limits).expecting(R.self)
    }

    /// Writes a resource.
    /// - Throws: ``FHIRError`` (`value`) when a model built in code holds a narrative that is not
    ///   valid XHTML or a string with characters XML cannot carry.
    public static func encode(_ resource: FHIRResource, pretty: Bool = false) throws(FHIRError) -> Data {
        Data(try encodeString(resource, pretty: pretty).utf8)
    }

    public static func encode(_ resource: some FHIRResourceModel, pretty: Bool = false) throws(FHIRError) -> Data {
        try encode(resource.asResource, pretty: pretty)
    }

    /// The XML text of a resource.
    public static func encodeString(_ resource: FHIRResource, pretty: Bool = false) throws(FHIRError) -> String {
        var writer = FHIRXMLWriter(pretty: pretty)
        writer.writeRoot(resource.node)
        if !writer.issues.isEmpty { throw FHIRError(issues: writer.issues) }
        return writer.out
    }
}
