extension Bundle {
    /// One resource in the bundle, with what to do with it or what was done (FHIR R4 bundle.html,
    /// Bundle.entry).
    public struct Entry: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var link: [Bundle.Link]
        /// The absolute URL, or `urn:uuid:…` for a resource not yet stored.
        public var fullUrl: String?
        public var resource: FHIRResource?
        public var search: Bundle.Entry.Search?
        public var request: Bundle.Entry.Request?
        public var response: Bundle.Entry.Response?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            link: [Bundle.Link] = [],
            fullUrl: String? = nil,
            resource: FHIRResource? = nil,
            search: Bundle.Entry.Search? = nil,
            request: Bundle.Entry.Request? = nil,
            response: Bundle.Entry.Response? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.link = link
            self.fullUrl = fullUrl
            self.resource = resource
            self.search = search
            self.request = request
            self.response = response
            self.preserved = preserved
        }
    }
}

extension Bundle.Entry: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        link = r.elements("link")
        fullUrl = r.primitive("fullUrl", .uri)
        resource = r.resource("resource")
        search = r.element("search")
        request = r.element("request")
        response = r.element("response")
        if resource == nil, request == nil, response == nil { r.report(.invariant, at: r.path, "bdl-5: an entry needs a resource, a request or a response") }
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.elements("link", link)
        w.primitive("fullUrl", fullUrl, .uri)
        w.resource("resource", resource)
        w.element("search", search)
        w.element("request", request)
        w.element("response", response)
    }
}
