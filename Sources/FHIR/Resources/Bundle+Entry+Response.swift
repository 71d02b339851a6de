extension Bundle.Entry {
    /// What happened to this entry of a transaction or batch (FHIR R4 bundle.html,
    /// Bundle.entry.response).
    public struct Response: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        /// The HTTP status, starting with the 3-digit code: `201 Created`.
        public var status: String
        public var location: String?
        public var etag: String?
        public var lastModified: String?
        public var outcome: FHIRResource?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            status: String,
            location: String? = nil,
            etag: String? = nil,
            lastModified: String? = nil,
            outcome: FHIRResource? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.status = status
            self.location = location
            self.etag = etag
            self.lastModified = lastModified
            self.outcome = outcome
            self.preserved = preserved
        }
    }
}

extension Bundle.Entry.Response: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let statusValue: String? = r.primitive("status", .string)
        location = r.primitive("location", .uri)
        etag = r.primitive("etag", .string)
        lastModified = r.primitive("lastModified", .instant)
        outcome = r.resource("outcome")
        preserved = r.finish()
        self.status = try r.required(statusValue, "status")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("status", status, .string)
        w.primitive("location", location, .uri)
        w.primitive("etag", etag, .string)
        w.primitive("lastModified", lastModified, .instant)
        w.resource("outcome", outcome)
    }
}
