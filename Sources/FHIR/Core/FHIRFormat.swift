import Foundation

/// The two FHIR serialisations, for content negotiation (FHIR R4 http.html#mime-type:
/// `Accept` / `Content-Type` and the `_format` parameter).
public enum FHIRFormat: String, Sendable, CaseIterable {
    case json, xml

    /// `application/fhir+json` or `application/fhir+xml`.
    public var mediaType: String { self == .json ? FHIRJSON.mediaType : FHIRXML.mediaType }

    /// The format for a MIME type or `_format` value: `application/fhir+json`,
    /// `application/json`, `json`, `application/fhir+xml`, `application/xml`, `text/xml`,
    /// `xml` (parameters such as `; charset=utf-8` and case are ignored). Nil for anything else.
    public init?(mediaType: String) {
        let base = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch base {
        case "application/fhir+json", "application/json", "application/json+fhir", "text/json", "json": self = .json
        case "application/fhir+xml", "application/xml", "application/xml+fhir", "text/xml", "xml": self = .xml
        default: return nil
        }
    }

    public func decode(_ data: Data, limits: FHIRDecodingLimits = .default) throws(FHIRError) -> FHIRResource {
        switch self {
        case .json: return try FHIRJSON.decode(data, limits: limits)
        case .xml: return try FHIRXML.decode(data, limits: limits)
        }
    }

    public func encode(_ resource: FHIRResource, pretty: Bool = false) throws(FHIRError) -> Data {
        switch self {
        case .json: return FHIRJSON.encode(resource, pretty: pretty)
        case .xml: return try FHIRXML.encode(resource, pretty: pretty)
        }
    }
}
