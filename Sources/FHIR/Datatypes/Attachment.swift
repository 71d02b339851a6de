import Foundation

/// Content inline (base64 `data`) or by `url` (FHIR R4 datatypes.html#Attachment).
public struct Attachment: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    /// MIME type, e.g. `image/jpeg`.
    public var contentType: String?
    public var language: String?
    /// The content, base64.
    public var data: String?
    public var url: String?
    /// Bytes of content before base64.
    public var size: Int?
    /// SHA-1 of the content, base64.
    public var hash: String?
    public var title: String?
    public var creation: String?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        contentType: String? = nil,
        language: String? = nil,
        data: String? = nil,
        url: String? = nil,
        size: Int? = nil,
        hash: String? = nil,
        title: String? = nil,
        creation: String? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.contentType = contentType
        self.language = language
        self.data = data
        self.url = url
        self.size = size
        self.hash = hash
        self.title = title
        self.creation = creation
        self.preserved = preserved
    }

    /// Inline content: `data` and `size` are taken from `bytes` (`hash`, a SHA-1, is left to
    /// the caller, who has a crypto library).
    public init(contentType: String, bytes: Data, title: String? = nil, creation: String? = nil) {
        self.init(contentType: contentType, data: bytes.base64EncodedString(), size: bytes.count,
                  title: title, creation: creation)
    }

    /// The decoded `data`, nil when absent.
    public var decodedData: Data? { data.flatMap(FHIRBase64.decode) }
}

extension Attachment: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        contentType = r.primitive("contentType", .code)
        language = r.primitive("language", .code)
        data = r.primitive("data", .base64Binary)
        url = r.primitive("url", .url)
        size = r.int("size", .unsignedInt)
        hash = r.primitive("hash", .base64Binary)
        title = r.primitive("title", .string)
        creation = r.primitive("creation", .dateTime)
        if data != nil, contentType == nil { r.report(.invariant, at: r.path, "att-1: an attachment with data needs a contentType") }
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.primitive("contentType", contentType, .code)
        w.primitive("language", language, .code)
        w.primitive("data", data, .base64Binary)
        w.primitive("url", url, .url)
        w.int("size", size, .unsignedInt)
        w.primitive("hash", hash, .base64Binary)
        w.primitive("title", title, .string)
        w.primitive("creation", creation, .dateTime)
    }
}
