/// A phone number, e-mail address or other contact point (FHIR R4 datatypes.html#ContactPoint).
public struct ContactPoint: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var system: ContactPointSystem?
    public var value: String?
    public var use: ContactPointUse?
    public var rank: Int?
    public var period: Period?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        system: ContactPointSystem? = nil,
        value: String? = nil,
        use: ContactPointUse? = nil,
        rank: Int? = nil,
        period: Period? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.system = system
        self.value = value
        self.use = use
        self.rank = rank
        self.period = period
        self.preserved = preserved
    }
}

extension ContactPoint: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        system = r.code("system", ContactPointSystem.self)
        value = r.primitive("value", .string)
        use = r.code("use", ContactPointUse.self)
        rank = r.int("rank", .positiveInt)
        period = r.element("period")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.code("system", system)
        w.primitive("value", value, .string)
        w.code("use", use)
        w.int("rank", rank, .positiveInt)
        w.element("period", period)
    }
}
