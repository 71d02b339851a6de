/// Any resource this module reads and writes; decoding picks the case from `resourceType`
/// (JSON) or the root element (XML), and any other type is `not-supported`.
public indirect enum FHIRResource: Sendable, Equatable {
    case patient(Patient)
    case consent(Consent)
    case media(Media)
    case binary(Binary)
    case auditEvent(AuditEvent)
    case bundle(Bundle)
    case messageHeader(MessageHeader)
    case operationOutcome(OperationOutcome)
    case capabilityStatement(CapabilityStatement)

    /// The resource types that decode.
    public static let supportedTypes: [String] = [
        Patient.resourceType, Consent.resourceType, Media.resourceType, Binary.resourceType,
        AuditEvent.resourceType, Bundle.resourceType, MessageHeader.resourceType,
        OperationOutcome.resourceType, CapabilityStatement.resourceType,
    ]

    /// The wrapped model.
    public var model: any FHIRResourceModel {
        switch self {
        case .patient(let r): return r
        case .consent(let r): return r
        case .media(let r): return r
        case .binary(let r): return r
        case .auditEvent(let r): return r
        case .bundle(let r): return r
        case .messageHeader(let r): return r
        case .operationOutcome(let r): return r
        case .capabilityStatement(let r): return r
        }
    }

    public var resourceType: String { type(of: model).resourceType }

    public var id: String? { model.id }

    /// `Patient/123`, the relative reference to this resource; nil without an id.
    public var relativeReference: String? { id.map { "\(resourceType)/\($0)" } }

    /// The model if it is of type `R`.
    public func `as`<R: FHIRResourceModel>(_ type: R.Type) -> R? { model as? R }

    /// Every problem in this resource (a model built in code can hold values FHIR does not
    /// allow): the resource is written to the element tree and read back with all checks.
    public func validate() throws(FHIRError) {
        let (_, issues) = Self.decode(node: node, path: resourceType)
        if !issues.isEmpty { throw FHIRError(issues: issues) }
    }

    var node: FHIRNode {
        switch self {
        case .patient(let r): return r.node
        case .consent(let r): return r.node
        case .media(let r): return r.node
        case .binary(let r): return r.node
        case .auditEvent(let r): return r.node
        case .bundle(let r): return r.node
        case .messageHeader(let r): return r.node
        case .operationOutcome(let r): return r.node
        case .capabilityStatement(let r): return r.node
        }
    }

    /// Decodes the resource node; the issues found (the resource is nil when there are any).
    static func decode(node: FHIRNode, path: String) -> (FHIRResource?, [FHIRIssue]) {
        func wrap<R: ResourceCodable>(_ type: R.Type, _ make: (R) -> FHIRResource) -> (FHIRResource?, [FHIRIssue]) {
            let (model, issues) = R.decode(node: node, path: path)
            return (model.map(make), issues)
        }
        switch node.name {
        case Patient.resourceType: return wrap(Patient.self, FHIRResource.patient)
        case Consent.resourceType: return wrap(Consent.self, FHIRResource.consent)
        case Media.resourceType: return wrap(Media.self, FHIRResource.media)
        case Binary.resourceType: return wrap(Binary.self, FHIRResource.binary)
        case AuditEvent.resourceType: return wrap(AuditEvent.self, FHIRResource.auditEvent)
        case Bundle.resourceType: return wrap(Bundle.self, FHIRResource.bundle)
        case MessageHeader.resourceType: return wrap(MessageHeader.self, FHIRResource.messageHeader)
        case OperationOutcome.resourceType: return wrap(OperationOutcome.self, FHIRResource.operationOutcome)
        case CapabilityStatement.resourceType: return wrap(CapabilityStatement.self, FHIRResource.capabilityStatement)
        default:
            return (nil, [FHIRIssue(.notSupported, path: path,
                                    "resource type '\(node.name)' is not supported (supported: \(supportedTypes.joined(separator: ", ")))")])
        }
    }
}
