/// A name of a person (FHIR R4 datatypes.html#HumanName).
public struct HumanName: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var use: NameUse?
    public var text: String?
    public var family: String?
    public var given: [String]
    public var prefix: [String]
    public var suffix: [String]
    public var period: Period?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        use: NameUse? = nil,
        text: String? = nil,
        family: String? = nil,
        given: [String] = [],
        prefix: [String] = [],
        suffix: [String] = [],
        period: Period? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.use = use
        self.text = text
        self.family = family
        self.given = given
        self.prefix = prefix
        self.suffix = suffix
        self.period = period
        self.preserved = preserved
    }
}

extension HumanName: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        use = r.code("use", NameUse.self)
        text = r.primitive("text", .string)
        family = r.primitive("family", .string)
        given = r.primitives("given", .string)
        prefix = r.primitives("prefix", .string)
        suffix = r.primitives("suffix", .string)
        period = r.element("period")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.code("use", use)
        w.primitive("text", text, .string)
        w.primitive("family", family, .string)
        w.primitives("given", given, .string)
        w.primitives("prefix", prefix, .string)
        w.primitives("suffix", suffix, .string)
        w.element("period", period)
    }
}
