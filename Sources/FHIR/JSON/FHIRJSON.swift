import Foundation

/// The FHIR JSON format, `application/fhir+json` (FHIR R4 json.html).
public enum FHIRJSON {
    public static let mediaType = "application/fhir+json"

    /// Reads any supported resource; the type comes from `resourceType`.
    /// - Throws: ``FHIRError`` with every problem found, each with its path: `too-long` past
    ///   `limits.maxBytes`, `structure` for JSON or FHIR structure errors, `value` for invalid
    ///   primitive values or codes, `required` for missing elements, `invariant`, and
    ///   `not-supported` for a resource type this module does not model.
    public static func decode(_ data: Data, limits: FHIRDecodingLimits = .default) throws(FHIRError) -> FHIRResource {
        guard data.count <= limits.maxBytes else {
            throw FHIRError(.tooLong, "the document is \(data.count) bytes; at most \(limits.maxBytes) are accepted")
        }
        let tree = try JSONParser.parse([UInt8](data), maxDepth: limits.maxDepth)
        guard case .object(let members) = tree else {
            throw FHIRError(.structure, "a FHIR JSON document is an object, not \(tree.typeName)")
        }
        var reader = FHIRJSONReader()
        let node = reader.resource(members, path: "")
        guard let node, reader.issues.isEmpty else {
            throw FHIRError(issues: reader.issues.isEmpty ? [FHIRIssue(.structure, path: "", "not a FHIR resource")] : reader.issues)
        }
        return try FHIRResource.decodeTopLevel(node)
    }

    /// Reads a resource that must be of type `R`; another type is an `invalid` error.
    public static func decode<R: FHIRResourceModel>(_ type: R.Type, from data: Data,
                                                    limits: FHIRDecodingLimits = .default) throws(FHIRError) -> R {
        try decode(data, limits: limits).expecting(R.self)
    }

    /// Writes a resource. Compact by default; `pretty` indents by two spaces.
    public static func encode(_ resource: FHIRResource, pretty: Bool = false) -> Data {
        Data(encodeBytes(resource, pretty: pretty))
    }

    public static func encode(_ resource: some FHIRResourceModel, pretty: Bool = false) -> Data {
        encode(resource.asResource, pretty: pretty)
    }

    /// The JSON text of a resource.
    public static func encodeString(_ resource: FHIRResource, pretty: Bool = false) -> String {
        String(decoding: encodeBytes(resource, pretty: pretty), as: UTF8.self)
    }

    /// The UTF-8 bytes of a resource's JSON.
    public static func encodeBytes(_ resource: FHIRResource, pretty: Bool = false) -> [UInt8] {
        var writer = FHIRJSONWriter(pretty: pretty)
        writer.writeResource(resource.node)
        return writer.out
    }
}

extension FHIRResource {
    /// Decodes a top-level resource node, failing with every issue found.
    static func decodeTopLevel(_ node: FHIRNode) throws(FHIRError) -> FHIRResource {
        let (resource, issues) = decode(node: node, path: node.name)
        guard let resource, issues.isEmpty else {
            throw FHIRError(issues: issues.isEmpty ? [FHIRIssue(.structure, path: node.name, "the resource could not be read")] : issues)
        }
        return resource
    }

    /// The model as `R`, or an `invalid` error naming both types.
    func expecting<R: FHIRResourceModel>(_ type: R.Type) throws(FHIRError) -> R {
        guard let model = self.as(R.self) else {
            throw FHIRError(.invalid, path: resourceType, "expected a \(R.resourceType) resource, found a \(resourceType)")
        }
        return model
    }
}
