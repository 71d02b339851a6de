/// A text note with author and time (FHIR R4 datatypes.html#Annotation).
public struct Annotation: Sendable, Equatable {
    /// author[x]: Reference | string.
    public enum Author: Sendable, Equatable {
        case reference(Reference)
        case string(String)
    }

    public var id: String?
    public var `extension`: [Extension]
    public var author: Author?
    public var time: String?
    public var text: String
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        author: Author? = nil,
        time: String? = nil,
        text: String,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.author = author
        self.time = time
        self.text = text
        self.preserved = preserved
    }
}

extension Annotation: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        switch r.choice("author", allowed: ["Reference", "String"]) {
        case "Reference": author = (r.element("authorReference") as Reference?).map({ .reference($0) })
        case "String": author = r.primitive("authorString", .string).map({ .string($0) })
        default: author = nil
        }
        time = r.primitive("time", .dateTime)
        let textValue: String? = r.primitive("text", .markdown)
        preserved = r.finish()
        self.text = try r.required(textValue, "text")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        switch author {
        case .reference(let v): w.element("authorReference", v)
        case .string(let v): w.primitive("authorString", v, .string)
        case nil: break
        }
        w.primitive("time", time, .dateTime)
        w.primitive("text", text, .markdown)
    }
}
