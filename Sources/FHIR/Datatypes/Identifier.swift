/// A business identifier (FHIR R4 datatypes.html#Identifier).
public struct Identifier: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var use: IdentifierUse?
    public var type: CodeableConcept?
    public var system: String?
    public var value: String?
    public var period: Period?
    public var assigner: Reference? {
        get { assignerStorage.first }
        set { assignerStorage = newValue.map { [$0] } ?? [] }
    }
    /// Holds ``assigner`` out of line: the types refer to each other.
    private var assignerStorage: [Reference]
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        use: IdentifierUse? = nil,
        type: CodeableConcept? = nil,
        system: String? = nil,
        value: String? = nil,
        period: Period? = nil,
        assigner: Reference? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.use = use
        self.type = type
        self.system = system
        self.value = value
        self.period = period
        self.assignerStorage = assigner.map { [$0] } ?? []
        self.preserved = preserved
    }
}

extension Identifier: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        use = r.code("use", IdentifierUse.self)
        type = r.element("type")
        system = r.primitive("system", .uri)
        value = r.primitive("value", .string)
        period = r.element("period")
        assignerStorage = (r.element("assigner") as Reference?).map { [$0] } ?? []
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.code("use", use)
        w.element("type", type)
        w.primitive("system", system, .uri)
        w.primitive("value", value, .string)
        w.element("period", period)
        w.element("assigner", assigner)
    }
}
