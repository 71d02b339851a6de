/// A resource type this module models: Patient, Consent, Media, Binary, AuditEvent, Bundle,
/// MessageHeader, OperationOutcome, CapabilityStatement (FHIR R4 resource.html).
public protocol FHIRResourceModel: Sendable, Equatable {
    /// The `resourceType` in JSON, the root element's name in XML.
    static var resourceType: String { get }
    /// The logical id (`Resource.id`).
    var id: String? { get set }
    var meta: Meta? { get set }
    /// This resource wrapped in ``FHIRResource``.
    var asResource: FHIRResource { get }
    /// Primitive extensions and unknown elements kept from reading.
    var preserved: PreservedContent { get set }
}

/// How a resource model is read and written (internal side of ``FHIRResourceModel``).
protocol ResourceCodable: FHIRResourceModel, FHIRElementModel {
    /// Whether unknown elements are kept (Patient, Consent) rather than reported.
    static var preservesUnknownElements: Bool { get }
}

extension ResourceCodable {
    static var preservesUnknownElements: Bool { false }

    static func decode(node: FHIRNode, path: String) -> (Self?, [FHIRIssue]) {
        var reader = NodeReader(node: node, path: path, context: DecodingContext(preserveUnknown: preservesUnknownElements))
        let model = try? Self(from: &reader)
        return (reader.issues.isEmpty ? model : nil, reader.issues)
    }

    var node: FHIRNode {
        var writer = NodeWriter(preserved: preserved)
        encode(to: &writer)
        return FHIRNode(name: Self.resourceType, kind: .resource, children: writer.finish())
    }
}
