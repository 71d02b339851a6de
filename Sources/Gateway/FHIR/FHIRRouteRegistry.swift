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
    }

    private(set) var resources: [ResourceCapability] = []
    /// Every path with the methods it answers (the others get 405).
    private(set) var paths: [(path: String, methods: [HTTPRequest.Method])] = []

    mutating func record(path: String, method: HTTPRequest.Method, type: String?, interaction: TypeRestfulInteraction?,
                         searchParameters: [FHIRSearchParameter] = [], conditionalCreate: Bool = false,
                         conditionalUpdate: Bool = false, updateCreate: Bool = false) {
        if let i = paths.firstIndex(where: { $0.path == path }) {
            paths[i].methods.append(method)
        } else {
            paths.append((path, [method]))
        }
        guard let type else { return }
        var r = resources.first { $0.type == type } ?? ResourceCapability(type: type)
        if let interaction, !r.interactions.contains(interaction) { r.interactions.append(interaction) }
        r.searchParameters += searchParameters
        r.conditionalCreate = r.conditionalCreate || conditionalCreate
        r.conditionalUpdate = r.conditionalUpdate || conditionalUpdate
        r.updateCreate = r.updateCreate || updateCreate
        if let i = resources.firstIndex(where: { $0.type == type }) { resources[i] = r } else { resources.append(r) }
    }

    /// The CapabilityStatement of this server (FHIR R4 capabilitystatement.html, kind
    /// `instance`).
    func capabilityStatement(date: Date, base: String) -> CapabilityStatement {
        let rest = CapabilityStatement.Rest(
            mode: .server,
            documentation: "PhotoGate FHIR R4 API: Patient and Consent mapped onto the gateway's patients and consents.",
            security: .init(cors: false, description: "Every request needs a bearer token (Authorization: Bearer …), also this one. "
                + "Role integration writes; integration, clinician and privacy-officer read; admin may do everything."),
            resource: resources.map { r in
                CapabilityStatement.Rest.Resource(
                    type: r.type,
                    interaction: r.interactions.map { .init(code: $0) },
                    versioning: .versionedUpdate,
                    readHistory: r.interactions.contains(.vread),
                    updateCreate: r.updateCreate,
                    conditionalCreate: r.conditionalCreate,
                    conditionalUpdate: r.conditionalUpdate,
                    conditionalDelete: .notSupported,
                    searchParam: r.searchParameters.map { .init(name: $0.name, type: $0.type, documentation: $0.documentation) })
            })
        return CapabilityStatement(
            status: .active, date: FHIRTemporal.instant(date), publisher: "PhotoGate",
            kind: .instance, software: .init(name: "PhotoGate"),
            implementation: .init(description: "PhotoGate FHIR R4 server", url: base),
            fhirVersion: "4.0.1", format: [FHIRFormat.json.mediaType, FHIRFormat.xml.mediaType], rest: [rest])
    }
}
