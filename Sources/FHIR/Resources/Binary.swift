import Foundation

/// Raw bytes with their MIME type (FHIR R4 binary.html).
public struct Binary: FHIRResourceModel {
    public static let resourceType = "Binary"

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var contentType: String
    public var securityContext: Reference?
    public var data: String?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        meta: Meta? = nil,
        implicitRules: String? = nil,
        language: String? = nil,
        contentType: String,
        securityContext: Reference? = nil,
        data: String? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.meta = meta
        self.implicitRules = implicitRules
        self.language = language
        self.contentType = contentType
        self.securityContext = securityContext
        self.data = data
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .binary(self) }

    /// The decoded `data`, nil when absent.
    public var decodedData: Data? { data.flatMap(FHIRBase64.decode) }
}

extension Binary: ResourceCodable {
    init(from r: inout NodeReader) throws {
        id = r.primitive("id", .id)
        meta = r.element("meta")
        implicitRules = r.primitive("implicitRules", .uri)
        language = r.primitive("language", .code)
        let contentTypeValue: String? = r.primitive("contentType", .code)
        securityContext = r.element("securityContext")
        data = r.primitive("data", .base64Binary)
        preserved = r.finish()
        self.contentType = try r.required(contentTypeValue, "contentType")
    }

    func encode(to w: inout NodeWriter) {
        w.primitive("id", id, .id)
        w.element("meta", meta)
        w.primitive("implicitRules", implicitRules, .uri)
        w.primitive("language", language, .code)
        w.primitive("contentType", contentType, .code)
        w.element("securityContext", securityContext)
        w.primitive("data", data, .base64Binary)
    }
}
