import FHIR
import Foundation
import HTTPTypes

/// What the FHIR routes registered: filled by ``FHIRRoutes`` as it adds each route, and the
/// only source of the CapabilityStatement (`GET /fhir/metadata`), so the statement cannot
/// claim an interaction no route serves, nor miss one.
struct FHIRRouteRegistry: Sendable {
    struct ResourceCapability: Sendable {
        var type: String
        var interactions: [TypeRestfulInteraction] = []
        var searchParameters: [FHIRSearchParameter] = []
        var conditionalCreate = false
        var conditionalUpdate = false
        var updateCreate = false
        /// False for views of core records (Media, AuditEvent, Binary): `no-version`.
        var versioned = true
        var documentation: String?
    }

    struct Operation: Sendable {
        var name: String
        var definition: String
        var documentation: String
    }

    private(set) var resources: [ResourceCapability] = []
    private(set) var systemInteractions: [(code: SystemRestfulInteraction, documentation: String)] = []
    private(set) var operations: [Operation] = []
    /// Every path with the methods it answers (the others get 405).
    private(set) var paths: [(path: String, methods: [HTTPRequest.Method])] = []

    /// The resource types with at least one route, in registration order.
    var types: [String] { resources.map(\.type) }

    mutating func record(path: String, method: HTTPRequest.Method, type: String?, interaction: TypeRestfulInteraction?,
                         searchParameters: [FHIRSearchParameter] = [], conditionalCreate: Bool = false,
                         conditionalUpdate: Bool = false, updateCreate: Bool = false, versioned: Bool = true,
                         documentation: String? = nil) {
        recordPath(path, method)
        guard let type else { return }
        var r = resources.first { $0.type == type } ?? ResourceCapability(type: type)
        if let interaction, !r.interactions.contains(interaction) { r.interactions.append(interaction) }
        r.searchParameters += searchParameters
        r.conditionalCreate = r.conditionalCreate || conditionalCreate
        r.conditionalUpdate = r.conditionalUpdate || conditionalUpdate
        r.updateCreate = r.updateCreate || updateCreate
        r.versioned = r.versioned && versioned
        if let documentation { r.documentation = documentation }
        if let i = resources.firstIndex(where: { $0.type == type }) { resources[i] = r } else { resources.append(r) }
    }

    /// A system interaction (`transaction`, `batch`) served at `path`.
    mutating func record(path: String, method: HTTPRequest.Method, system: SystemRestfulInteraction, documentation: String) {
        recordPath(path, method)
        if !systemInteractions.contains(where: { $0.code == system }) { systemInteractions.append((system, documentation)) }
    }

    /// A system-level operation (`$process-message`) served at `path`.
    mutating func record(path: String, method: HTTPRequest.Method, operation: Operation) {
        recordPath(path, method)
        if !operations.contains(where: { $0.name == operation.name }) { operations.append(operation) }
    }

    private mutating func recordPath(_ path: String, _ method: HTTPRequest.Method) {
        if let i = paths.firstIndex(where: { $0.path == path }) {
            if !paths[i].methods.contains(method) { paths[i].methods.append(method) }
        } else {
            paths.append((path, [method]))
        }
    }

    /// The CapabilityStatement of this server (FHIR R4 capabilitystatement.html, kind
    /// `instance`).
    func capabilityStatement(date: Date, base: String) -> CapabilityStatement {
        let rest = CapabilityStatement.Rest(
            mode: .server,
            documentation: "PhotoGate FHIR R4 API: " + types.joined(separator: ", ")
                + ", mapped onto the gateway's patients, consents, photos and audit trail.",
            security: .init(cors: false, description: "Every request needs a bearer token (Authorization: Bearer …), also this one. "
                + "Role integration writes; integration, clinician and privacy-officer read; admin may do everything; "
                + "photo bytes (Binary) follow the gateway's rules (originals for clinicians, renditions through the consent decision); "
                + "AuditEvent is for the privacy officer."),
            resource: resources.map { r in
                CapabilityStatement.Rest.Resource(
                    type: r.type,
                    documentation: r.documentation,
                    interaction: r.interactions.map { .init(code: $0) },
                    versioning: r.versioned ? .versionedUpdate : .noVersion,
                    readHistory: r.interactions.contains(.vread),
                    updateCreate: r.updateCreate,
                    conditionalCreate: r.conditionalCreate,
                    conditionalUpdate: r.conditionalUpdate,
                    conditionalDelete: .notSupported,
                    searchParam: r.searchParameters.map { .init(name: $0.name, type: $0.type, documentation: $0.documentation) })
            },
            interaction: systemInteractions.map { .init(code: $0.code, documentation: $0.documentation) },
            operation: operations.map { .init(name: $0.name, definition: $0.definition, documentation: $0.documentation) })
        return CapabilityStatement(
            status: .active, date: FHIRTemporal.instant(date), publisher: "PhotoGate",
            kind: .instance, software: .init(name: "PhotoGate"),
            implementation: .init(description: "PhotoGate FHIR R4 server", url: base),
            fhirVersion: "4.0.1", format: [FHIRFormat.json.mediaType, FHIRFormat.xml.mediaType], rest: [rest])
    }
}
