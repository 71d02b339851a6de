import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import Testing

/// `GET /fhir/metadata` lists what the routes serve — resources, their interactions and
/// search parameters, system interactions, operations — and the errors every route shares
/// (401, 413) are OperationOutcomes in the negotiated format.
struct FHIRCapabilityTests {
    @Test(arguments: Wire.allCases)
    func theCapabilityStatementListsEveryResourceInteractionAndOperation(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            let r = try await client.fhir(t, .get, "/fhir/metadata", as: .uploader, wire: wire, bodies: bodies)
            #expect(r.status == .ok)
            let rest = try #require((r.json["rest"] as? [[String: Any]])?.first)
            let resources = rest["resource"] as? [[String: Any]] ?? []
            func resource(_ type: String) -> [String: Any] { resources.first { $0["type"] as? String == type } ?? [:] }
            func interactions(_ type: String) -> Set<String> {
                Set((resource(type)["interaction"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            }
            func parameters(_ type: String) -> Set<String> {
                Set((resource(type)["searchParam"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
            }
            #expect(resources.compactMap { $0["type"] as? String } == ["Patient", "Consent", "Media", "Binary", "AuditEvent"])
            #expect(interactions("Media") == ["read", "search-type", "create"])
            #expect(parameters("Media") == ["_id", "subject", "created"])
            #expect(resource("Media")["versioning"] as? String == "no-version")
            #expect(interactions("Binary") == ["read"])
            #expect(interactions("AuditEvent") == ["read", "search-type"])
            #expect(parameters("AuditEvent") == ["_id", "entity", "agent", "date"])
            #expect(parameters("Consent") == ["_id", "patient", "status", "category", "date"])
            let system = Set((rest["interaction"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            #expect(system == ["transaction", "batch"])
            let operations = (rest["operation"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(operations == ["process-message"])
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func aMissingOrUnknownTokenIsA401OperationOutcome(wire: Wire) async throws {
        let t = try TestGateway()
        let bodies = FHIRBodies()
        try await t.test { client in
            for headers in [[HTTPField.Name.accept: wire.mediaType],
                            [.accept: wire.mediaType, .authorization: "Bearer not-a-token"]] {
                for uri in ["/fhir/metadata", "/fhir/Patient/1", "/fhir/Unknown", "/fhir/$process-message"] {
                    let r = try await client.execute(uri: uri, method: .get, headers: HTTPFields(headers.map { HTTPField(name: $0.key, value: $0.value) })) {
                        FHIRReply(status: $0.status, headers: $0.headers, body: String(buffer: $0.body))
                    }
                    #expect(r.status == .unauthorized, "\(uri)")
                    #expect(r.contentType.hasPrefix(wire.mediaType), "\(uri): \(r.contentType)")
                    #expect(r.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                    #expect(r.resourceType == "OperationOutcome")
                    #expect(r.issueCode == "login")
                    wire == .json ? bodies.add(r.body) : bodies.addXML(r.body)
                }
            }
            // The JSON API keeps its own error body
            let api = try await client.execute(uri: "/api/assets", method: .get) { String(buffer: $0.body) }
            #expect(api.contains("PG-5001"))
            #expect(try t.auditActions().filter { $0 == "auth.unauthenticated" }.count == 9)
        }
        try bodies.validate()
    }

    @Test(arguments: Wire.allCases)
    func anOversizedBodyIsA413OperationOutcomeAndTheServerGoesOn(wire: Wire) async throws {
        let t = try TestGateway { $0.maxJSONBytes = 4096 }
        let bodies = FHIRBodies()
        try await t.test { client in
            let big = FHIRSamples.patient(family: String(repeating: "x", count: 10_000))
            for uri in ["/fhir/Patient", "/fhir/Consent", "/fhir/$process-message"] {
                let r = try await client.fhir(t, .post, uri, body: big, wire: wire, bodies: bodies)
                #expect(r.status == .contentTooLarge, "\(uri)")
                #expect(r.issueCode == "too-long", "\(uri)")
            }
            #expect(try await client.fhir(t, .post, "/fhir/Patient", body: FHIRSamples.patient(), wire: wire, bodies: bodies).status == .created)
        }
        try bodies.validate()
    }
}
