/// A time range given by start and/or end (FHIR R4 datatypes.html#Period).
public struct Period: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var start: String?
    public var end: String?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        start: String? = nil,
        end: String? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.start = start
        self.end = end
        self.preserved = preserved
    }
}

extension Period: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        start = r.primitive("start", .dateTime)
        end = r.primitive("end", .dateTime)
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.primitive("start", start, .dateTime)
        w.primitive("end", end, .dateTime)
    }
}
