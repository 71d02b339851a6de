/// Human-readable XHTML summary of a resource (FHIR R4 narrative.html#Narrative).
///
/// The `div` is kept as text; reading checks it is well-formed XHTML without scripts, forms or
/// event attributes (FHIR R4 narrative.html, txt-1, txt-2) and writes it in a canonical form.
public struct Narrative: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var status: NarrativeStatus
    /// Limited XHTML whose root is `<div xmlns="http://www.w3.org/1999/xhtml">`.
    public var div: String
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        status: NarrativeStatus,
        div: String,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.status = status
        self.div = div
        self.preserved = preserved
    }
}

extension Narrative: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        let statusValue: NarrativeStatus? = r.code("status", NarrativeStatus.self)
        let divValue: String? = r.xhtml("div")
        preserved = r.finish()
        self.status = try r.required(statusValue, "status")
        self.div = try r.required(divValue, "div")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.code("status", status)
        w.xhtml("div", div)
    }
}
