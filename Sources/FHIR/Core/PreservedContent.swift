/// What a model keeps besides its typed properties so that a resource read and written back
/// is not impoverished:
/// - the `id` and extensions of its primitive elements (FHIR R4 json.html, "Representing
///   primitive elements": the `_birthDate` member; in XML, attributes and children of the
///   primitive element), keyed by element name, one entry per value;
/// - for Patient and Consent, elements the model does not know, kept as ``FHIRNode``s and
///   written back after the known ones.
public struct PreservedContent: Sendable, Equatable {
    public var primitiveExtensions: [String: [PrimitiveExtension?]]
    public var unknownElements: [FHIRNode]

    public init(primitiveExtensions: [String: [PrimitiveExtension?]] = [:], unknownElements: [FHIRNode] = []) {
        self.primitiveExtensions = primitiveExtensions
        self.unknownElements = unknownElements
    }

    public var isEmpty: Bool { primitiveExtensions.isEmpty && unknownElements.isEmpty }

    /// The id and extensions of the single-valued primitive `element`, if any.
    public subscript(element: String) -> PrimitiveExtension? {
        get { primitiveExtensions[element]?.first ?? nil }
        set { primitiveExtensions[element] = newValue.map { [$0] } }
    }
}

/// The `id` and `extension` of one primitive value (FHIR R4 datatypes.html, "Primitive
/// types" are elements too, so they can carry both; e.g. a data-absent-reason on `birthDate`).
public struct PrimitiveExtension: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]

    public init(id: String? = nil, extension: [Extension] = []) {
        self.id = id
        self.extension = `extension`
    }

    var isEmpty: Bool { id == nil && `extension`.isEmpty }
}
