extension Bundle.Entry {
    /// The HTTP request for this entry of a transaction or batch (FHIR R4 bundle.html,
    /// Bundle.entry.request).
    public struct Request: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var method: HTTPVerb
        /// Relative to the base: `Patient`, `Patient/123`, `Patient?identifier=…`.
        public var url: String
        public var ifNoneMatch: String?
        public var ifModifiedSince: String?
        /// An ETag, `W/"3"`.
        public var ifMatch: String?
        /// A search query for conditional create, without the `?`.
        public var ifNoneExist: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            method: HTTPVerb,
            url: String,
            ifNoneMatch: String? = nil,
            ifModifiedSince: String? = nil,
            ifMatch: String? = nil,
            ifNoneExist: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.method = method
            self.url = url
            self.ifNoneMatch = ifNoneMatch
            self.ifModifiedSince = ifModifiedSince
            self.ifMatch = ifMatch
            self.ifNoneExist = ifNoneExist
            self.preserved = preserved
        }
    }
}

extension Bundle.Entry.Request: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let methodValue: HTTPVerb? = r.code("method", HTTPVerb.self)
        let urlValue: String? = r.primitive("url", .uri)
        ifNoneMatch = r.primitive("ifNoneMatch", .string)
        ifModifiedSince = r.primitive("ifModifiedSince", .instant)
        ifMatch = r.primitive("ifMatch", .string)
        ifNoneExist = r.primitive("ifNoneExist", .string)
        preserved = r.finish()
        self.method = try r.required(methodValue, "method")
        self.url = try r.required(urlValue, "url")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("method", method)
        w.primitive("url", url, .uri)
        w.primitive("ifNoneMatch", ifNoneMatch, .string)
        w.primitive("ifModifiedSince", ifModifiedSince, .instant)
        w.primitive("ifMatch", ifMatch, .string)
        w.primitive("ifNoneExist", ifNoneExist, .string)
    }
}
