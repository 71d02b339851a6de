/// A postal or physical address (FHIR R4 datatypes.html#Address).
public struct Address: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var use: AddressUse?
    public var type: AddressType?
    public var text: String?
    public var line: [String]
    public var city: String?
    public var district: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var period: Period?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        use: AddressUse? = nil,
        type: AddressType? = nil,
        text: String? = nil,
        line: [String] = [],
        city: String? = nil,
        district: String? = nil,
        state: String? = nil,
        postalCode: String? = nil,
        country: String? = nil,
        period: Period? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.use = use
        self.type = type
        self.text = text
        self.line = line
        self.city = city
        self.district = district
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.period = period
        self.preserved = preserved
    }
}

extension Address: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        use = r.code("use", AddressUse.self)
        type = r.code("type", AddressType.self)
        text = r.primitive("text", .string)
        line = r.primitives("line", .string)
        city = r.primitive("city", .string)
        district = r.primitive("district", .string)
        state = r.primitive("state", .string)
        postalCode = r.primitive("postalCode", .string)
        country = r.primitive("country", .string)
        period = r.element("period")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.code("use", use)
        w.code("type", type)
        w.primitive("text", text, .string)
        w.primitives("line", line, .string)
        w.primitive("city", city, .string)
        w.primitive("district", district, .string)
        w.primitive("state", state, .string)
        w.primitive("postalCode", postalCode, .string)
        w.primitive("country", country, .string)
        w.element("period", period)
    }
}
