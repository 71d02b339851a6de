/// One element of a FHIR resource in a format-neutral tree (the "element model" that both
/// FHIR serialisations describe, FHIR R4 §2.6 "Formats"): JSON and XML are read into this
/// tree, resources decode from it, and resources encode to it before it is written out.
///
/// The tree follows the XML shape: repeated elements are repeated children, the element id
/// and an extension's `url` are attributes, and a resource inside an element (`contained`,
/// `Bundle.entry.resource`) is a child node named after its resource type.
public struct FHIRNode: Sendable, Equatable {
    /// What kind of node this is.
    public enum Kind: Sendable, Equatable {
        /// A complex element (datatype or backbone element).
        case element
        /// A resource: `name` is the resource type.
        case resource
        /// A primitive; the associated form says how its value was (or is to be) written in JSON.
        case primitive(PrimitiveForm)
        /// The narrative `div`: `value` holds the XHTML as text (FHIR R4 §2.6.2, narrative).
        case xhtml
    }

    /// How a primitive's value appears in JSON (FHIR R4 json.html, "Primitive types").
    public enum PrimitiveForm: Sendable, Equatable {
        /// Read from XML: lexical text whose JSON form is not known yet.
        case text
        /// A JSON string.
        case string
        /// A JSON number, kept as written (decimals keep their precision).
        case number
        /// A JSON `true` / `false`.
        case boolean
    }

    public var name: String
    public var kind: Kind
    /// The primitive's lexical value, or the XHTML of a `div`.
    public var value: String?
    /// The element's `id` attribute (not a resource's logical id, which is a child `id`).
    public var id: String?
    /// An extension's `url` attribute.
    public var url: String?
    /// Whether the element repeats (a JSON array); nil when read from XML and not yet known.
    public var isList: Bool?
    public var children: [FHIRNode]

    public init(name: String, kind: Kind, value: String? = nil, id: String? = nil, url: String? = nil,
                isList: Bool? = nil, children: [FHIRNode] = []) {
        self.name = name
        self.kind = kind
        self.value = value
        self.id = id
        self.url = url
        self.isList = isList
        self.children = children
    }

    /// True for primitives (including value-less ones that only carry extensions).
    public var isPrimitive: Bool {
        if case .primitive = kind { return true }
        return false
    }
}
