import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import TestSupport
import Testing

/// One FHIR answer: status, headers and body text.
struct FHIRReply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
    var resourceType: String? { json["resourceType"] as? String }
    var id: String? { json["id"] as? String }
    var versionId: String? { (json["meta"] as? [String: Any])?["versionId"] as? String }
    var issueCode: String? { ((json["issue"] as? [[String: Any]])?.first)?["code"] as? String }
    var entries: [[String: Any]] { json["entry"] as? [[String: Any]] ?? [] }
    var contentType: String { headers[.contentType] ?? "" }
}

/// Every FHIR body a test received, checked at the end by the Python package fhir.resources
/// (R4B models) through `Tests/FHIRTests/validate_fhir.py`.
final class FHIRBodies: @unchecked Sendable {
    private var bodies: [String] = []
    private let lock = NSLock()

    func add(_ body: String) { lock.withLock { bodies.append(body) } }

    /// Writes every JSON body (and the resources inside Bundles, which fhir.resources does
    /// not check against their own models) and runs the validator.
    func validate() throws {
        let all = lock.withLock { bodies }
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String] = []
        func write(_ data: Data) throws {
            let path = "\(dir)/\(paths.count).json"
            try data.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        for body in all {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { continue }
            try write(Data(body.utf8))
            for entry in object["entry"] as? [[String: Any]] ?? [] {
                if let r = entry["resource"] { try write(try JSONSerialization.data(withJSONObject: r)) }
            }
        }
        #expect(!paths.isEmpty)
        let script = Fixtures.root.appendingPathComponent("Tests/FHIRTests/validate_fhir.py").path
        let out = try Tool.run("python3", [script] + paths)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("\(paths.count) valid, 0 invalid"), "\(out.stdout)")
    }
}

extension TestClientProtocol {
    /// A FHIR request as `role`; JSON answers are kept in `bodies` for external validation.
    func fhir(_ t: TestGateway, _ method: HTTPRequest.Method, _ uri: String, as role: Role = .integration,
              body: String? = nil, contentType: String = "application/fhir+json", accept: String? = nil,
              headers extra: [String: String] = [:], bodies: FHIRBodies? = nil) async throws -> FHIRReply {
        var h = t.headers(role, contentType: body == nil ? nil : contentType)
        if let accept { h[.accept] = accept }
        for (k, v) in extra { h[HTTPField.Name(k)!] = v }
        let reply = try await execute(uri: uri, method: method, headers: h, body: body.map { ByteBuffer(string: $0) }) { r in
            FHIRReply(status: r.status, headers: r.headers, body: String(buffer: r.body))
        }
        if reply.contentType.hasPrefix("application/fhir+json"), !reply.body.isEmpty { bodies?.add(reply.body) }
        return reply
    }
}

enum FHIRSamples {
    static let mrnSystem = "https://hospital.example/fhir/sid/mrn"

    static func patient(id: String? = nil, mrn: String = "MRN1", family: String = "Jansen", birthDate: String = "1970-05-01",
                        deceased: String? = nil, extra: String = "") -> String {
        """
        {"resourceType":"Patient",\(id.map { "\"id\":\"\($0)\"," } ?? "")
         "identifier":[{"system":"\(mrnSystem)","value":"\(mrn)"}],
         "name":[{"use":"official","family":"\(family)","given":["Anna"]}],
         "gender":"female","birthDate":"\(birthDate)"\(deceased.map { ",\($0)" } ?? "")\(extra)}
        """
    }

    static func patientXML(id: String? = nil, mrn: String = "MRN1", family: String = "Jansen") -> String {
        """
        <Patient xmlns="http://hl7.org/fhir">\(id.map { "<id value=\"\($0)\"/>" } ?? "")
          <identifier><system value="\(mrnSystem)"/><value value="\(mrn)"/></identifier>
          <name><use value="official"/><family value="\(family)"/><given value="Anna"/></name>
          <gender value="female"/><birthDate value="1970-05-01"/>
        </Patient>
        """
    }

    static func consent(id: String? = nil, patient: String, status: String = "active", channels: [String] = ["website", "print"],
                        category: String = "photo-publication") -> String {
        let purposes = channels.map { "{\"system\":\"http://photogate.org/fhir/CodeSystem/publication-channel\",\"code\":\"\($0)\"}" }
        return """
        {"resourceType":"Consent",\(id.map { "\"id\":\"\($0)\"," } ?? "")"status":"\(status)",
         "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
         "category":[{"coding":[{"system":"http://photogate.org/fhir/CodeSystem/consent-category","code":"\(category)"}]}],
         "patient":{"reference":"\(patient)"},
         "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
         "provision":{"type":"permit","period":{"start":"2027-01-01","end":"2027-12-31"},
                      "purpose":[\(purposes.joined(separator: ","))]}}
        """
    }
}
