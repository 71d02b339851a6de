/// A model that reads itself from a ``FHIRNode`` and writes itself back, in the element
/// order of its definition (FHIR R4 xml.html: "elements SHALL appear in the order defined").
protocol FHIRElementModel: Sendable, Equatable {
    /// Reads the node's children; issues go to the reader. Throws ``DecodeAbort`` only when
    /// a required part is missing and the element cannot be built (the issue is recorded).
    init(from reader: inout NodeReader) throws
    /// Writes the children in definition order.
    func encode(to writer: inout NodeWriter)
    /// Primitive extensions and unknown elements kept from reading.
    var preserved: PreservedContent { get }
}

/// Thrown inside decoding when an element cannot be built; its issue is already recorded.
struct DecodeAbort: Error {}

/// Settings that hold while one resource is decoded.
struct DecodingContext: Sendable {
    /// Keep unknown elements (Patient, Consent) instead of reporting them.
    var preserveUnknown: Bool
}
