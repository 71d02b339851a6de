/// Metadata about a resource (FHIR R4 resource.html#Meta).
public struct Meta: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var versionId: String?
    public var lastUpdated: String?
    public var source: String?
    public var profile: [String]
    public var security: [Coding]
    public var tag: [Coding]
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        versionId: String? = nil,
        lastUpdated: String? = nil,
        source: String? = nil,
        profile: [String] = [],
        security: [Coding] = [],
        tag: [Coding] = [],
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.versionId = versionId
        self.lastUpdated = lastUpdated
        self.source = source
        self.profile = profile
        self.security = security
        self.tag = tag
        self.preserved = preserved
    }
}

extension Meta: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        versionId = r.primitive("versionId", .id)
        lastUpdated = r.primitive("lastUpdated", .instant)
        source = r.primitive("source", .uri)
        profile = r.primitives("profile", .canonical)
        security = r.elements("security")
        tag = r.elements("tag")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.primitive("versionId", versionId, .id)
        w.primitive("lastUpdated", lastUpdated, .instant)
        w.primitive("source", source, .uri)
        w.primitives("profile", profile, .canonical)
        w.elements("security", security)
        w.elements("tag", tag)
    }
}
