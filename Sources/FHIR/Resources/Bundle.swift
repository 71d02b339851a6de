/// A container of resources: search results, transactions, messages and their responses (FHIR R4
/// bundle.html).
///
/// Build search results, transaction responses and messages with the helpers in
/// `Bundle+Builders.swift`. `signature` is not modelled: a Bundle carrying one is refused.
public struct Bundle: FHIRResourceModel {
    public static let resourceType = "Bundle"

    public var id: String?
    public var meta: Meta?
    public var implicitRules: String?
    public var language: String?
    public var identifier: Identifier?
    public var type: BundleType
    public var timestamp: String?
    /// Number of matches of a search (searchset, history only: bdl-1).
    public var total: Int?
    /// Links for paging a search (`self`, `next`, `previous`, …).
    public var link: [Bundle.Link]
    public var entry: [Bundle.Entry]
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        meta: Meta? = nil,
        implicitRules: String? = nil,
        language: String? = nil,
        identifier: Identifier? = nil,
        type: BundleType,
        timestamp: String? = nil,
        total: Int? = nil,
        link: [Bundle.Link] = [],
        entry: [Bundle.Entry] = [],
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.meta = meta
        self.implicitRules = implicitRules
        self.language = language
        self.identifier = identifier
        self.type = type
        self.timestamp = timestamp
        self.total = total
        self.link = link
        self.entry = entry
        self.preserved = preserved
    }

    public var asResource: FHIRResource { .bundle(self) }
}

extension Bundle: ResourceCodable {
    init(from r: inout NodeReader) throws {
        id = r.primitive("id", .id)
        meta = r.element("meta")
        implicitRules = r.primitive("implicitRules", .uri)
        language = r.primitive("language", .code)
        identifier = r.element("identifier")
        let typeValue: BundleType? = r.code("type", BundleType.self)
        timestamp = r.primitive("timestamp", .instant)
        total = r.int("total", .unsignedInt)
        link = r.elements("link")
        entry = r.elements("entry")
        Self.checkInvariants(type: typeValue, total: total, entries: entry, &r)
        preserved = r.finish()
        self.type = try r.required(typeValue, "type")
    }

    func encode(to w: inout NodeWriter) {
        w.primitive("id", id, .id)
        w.element("meta", meta)
        w.primitive("implicitRules", implicitRules, .uri)
        w.primitive("language", language, .code)
        w.element("identifier", identifier)
        w.code("type", type)
        w.primitive("timestamp", timestamp, .instant)
        w.int("total", total, .unsignedInt)
        w.elements("link", link)
        w.elements("entry", entry)
    }
}
