import FHIR
import GRDB
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import TestSupport
import Testing

/// The wire format of a test: bodies sent and answers asked for in it.
enum Wire: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case json, xml
    var mediaType: String { self == .json ? "application/fhir+json" : "application/fhir+xml" }
    var testDescription: String { rawValue }

    /// A JSON resource (as the samples are written) in this format, through the FHIR codecs;
    /// nil when it is not a valid resource (it is then sent as JSON).
    func body(_ json: String) -> String? {
        guard self == .xml else { return json }
        guard let resource = try? FHIRJSON.decode(Data(json.utf8)), let xml = try? FHIRFormat.xml.encode(resource) else { return nil }
        return String(decoding: xml, as: UTF8.self)
    }
}

/// One FHIR answer: status, headers and body text.
struct FHIRReply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    /// The body as JSON (an XML answer is converted through the FHIR codecs).
    var jsonText: String {
        guard contentType.hasPrefix("application/fhir+xml"), let r = try? FHIRXML.decode(Data(body.utf8)) else { return body }
        return FHIRJSON.encodeString(r)
    }

    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(jsonText.utf8))) as? [String: Any] ?? [:] }
    var resourceType: String? { json["resourceType"] as? String }
    var id: String? { json["id"] as? String }
    var versionId: String? { (json["meta"] as? [String: Any])?["versionId"] as? String }
    var issueCode: String? { ((json["issue"] as? [[String: Any]])?.first)?["code"] as? String }
    var entries: [[String: Any]] { json["entry"] as? [[String: Any]] ?? [] }
    var contentType: String { headers[.contentType] ?? "" }
}

/// Every FHIR body a test received (JSON and XML), checked at the end by the Python package
/// fhir.resources (R4B models) through `Tests/FHIRTests/validate_fhir.py`.
final class FHIRBodies: @unchecked Sendable {
    private var bodies: [String] = []
    private var xmlBodies: [String] = []
    private let lock = NSLock()

    func add(_ body: String) { lock.withLock { bodies.append(body) } }
    func addXML(_ body: String) { lock.withLock { xmlBodies.append(body) } }
    var count: Int { lock.withLock { bodies.count + xmlBodies.count } }

    /// Writes every JSON body (and the resources inside Bundles — entries and response
    /// outcomes — which fhir.resources does not check against their own models) and every
    /// XML body, and runs the validator.
    func validate() throws {
        let (all, xml) = lock.withLock { (bodies, xmlBodies) }
        let dir = try Fixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var paths: [String] = []
        func write(_ data: Data, _ ext: String = "json") throws {
            let path = "\(dir)/\(paths.count).\(ext)"
            try data.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        for body in all {
            guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { continue }
            try write(Data(body.utf8))
            for entry in object["entry"] as? [[String: Any]] ?? [] {
                if let r = entry["resource"] { try write(try JSONSerialization.data(withJSONObject: r)) }
                if let r = (entry["response"] as? [String: Any])?["outcome"] { try write(try JSONSerialization.data(withJSONObject: r)) }
            }
        }
        for body in xml { try write(Data(body.utf8), "xml") }
        #expect(!paths.isEmpty)
        let script = Fixtures.root.appendingPathComponent("Tests/FHIRTests/validate_fhir.py").path
        let out = try Tool.run("python3", [script] + paths)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("\(paths.count) valid, 0 invalid"), "\(out.stdout)")
    }
}

extension TestClientProtocol {
    /// A FHIR request as `role`; JSON answers are kept in `bodies` for external validation.
    /// `wire`: the body (written as JSON) is sent in that format and the answer asked for in it.
    func fhir(_ t: TestGateway, _ method: HTTPRequest.Method, _ uri: String, as role: Role = .integration,
              body: String? = nil, contentType: String? = nil, accept: String? = nil, wire: Wire = .json,
              headers extra: [String: String] = [:], bodies: FHIRBodies? = nil) async throws -> FHIRReply {
        let converted = contentType == nil ? body.flatMap(wire.body) : body
        let sent = converted ?? body
        let type = contentType ?? (converted == nil ? Wire.json.mediaType : wire.mediaType)
        var h = t.headers(role, contentType: sent == nil ? nil : type)
        if let accept { h[.accept] = accept } else if wire == .xml { h[.accept] = wire.mediaType }
        for (k, v) in extra { h[HTTPField.Name(k)!] = v }
        let reply = try await execute(uri: uri, method: method, headers: h, body: sent.map { ByteBuffer(string: $0) }) { r in
            FHIRReply(status: r.status, headers: r.headers, body: String(buffer: r.body))
        }
        if reply.contentType.hasPrefix("application/fhir+json"), !reply.body.isEmpty { bodies?.add(reply.body) }
        if reply.contentType.hasPrefix("application/fhir+xml"), !reply.body.isEmpty { bodies?.addXML(reply.body) }
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
         "patient":{"reference":"\(patient)"},"dateTime":"2027-01-10T09:30:00Z",
         "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
         "provision":{"type":"permit","period":{"start":"2027-01-01","end":"2027-12-31"},
                      "purpose":[\(purposes.joined(separator: ","))]}}
        """
    }
}

extension FHIRSamples {
    /// A Media with the photo inline; `subject` a reference (`Patient/…` or a `urn:uuid:`).
    static func media(subject: String, photo: String = "baseline-420.jpg", stream: String = "communication",
                      contentType: String = "image/jpeg", data: String? = nil, url: String? = nil) -> String {
        let content = url.map { "\"url\":\"\($0)\"" }
            ?? "\"data\":\"\(data ?? Data(try! Fixtures.bytes(photo)).base64EncodedString())\""
        return """
        {"resourceType":"Media","status":"completed",
         "extension":[{"url":"http://photogate.org/fhir/StructureDefinition/asset-stream","valueCode":"\(stream)"}],
         "subject":{"reference":"\(subject)"},"createdDateTime":"2026-12-01T10:00:00Z",
         "bodySite":{"coding":[{"system":"http://snomed.info/sct","code":"85562004"}]},
         "content":{"contentType":"\(contentType)",\(content),"title":"Hand, day 1"}}
        """
    }

    /// A Binary with a fixture photo.
    static func binary(photo: String = "baseline-420.jpg") -> String {
        #"{"resourceType":"Binary","contentType":"image/jpeg","data":""# + Data(try! Fixtures.bytes(photo)).base64EncodedString() + #""}"#
    }

    /// A Bundle (`transaction`, `batch`, `message`) of `(fullUrl, method, url, resource JSON)` entries.
    static func bundle(_ type: String, id: String? = nil, _ entries: [(fullUrl: String?, method: String?, url: String?, resource: String?)],
                       extraRequest: [Int: String] = [:]) -> String {
        let items = entries.enumerated().map { i, e -> String in
            var parts: [String] = []
            if let f = e.fullUrl { parts.append("\"fullUrl\":\"\(f)\"") }
            if let r = e.resource { parts.append("\"resource\":\(r)") }
            if let m = e.method, let u = e.url {
                parts.append("\"request\":{\"method\":\"\(m)\",\"url\":\"\(u)\"\(extraRequest[i].map { ",\($0)" } ?? "")}")
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
        return "{\"resourceType\":\"Bundle\",\(id.map { "\"id\":\"\($0)\"," } ?? "")\"type\":\"\(type)\","
            + (type == "message" ? "\"timestamp\":\"2027-01-15T08:00:00Z\"," : "")
            + "\"entry\":[" + items.joined(separator: ",") + "]}"
    }

    /// A MessageHeader for `event`, its focus the given fullUrls.
    static func messageHeader(_ event: String, focus: [String]) -> String {
        """
        {"resourceType":"MessageHeader",
         "eventCoding":{"system":"http://photogate.org/fhir/CodeSystem/message-event","code":"\(event)"},
         "source":{"name":"EHR engine","endpoint":"urn:oid:1.2.3.4"}\(focus.isEmpty ? "" : ",")
         \(focus.isEmpty ? "" : "\"focus\":[" + focus.map { "{\"reference\":\"\($0)\"}" }.joined(separator: ",") + "]")}
        """
    }
}

extension TestGateway {
    /// The audit actions recorded so far, oldest first.
    func auditActions() throws -> [String] {
        try gateway.database.reader.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit ORDER BY seq") }
    }

    /// The audit actions of authenticated callers, oldest first: without the gateway's own
    /// background work (role `none`), such as the rewrite of a photo's DICOM object after a
    /// patient change, which commits whenever its worker gets to it.
    func callerAuditActions() throws -> [String] {
        try gateway.database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit WHERE role != 'none' ORDER BY seq")
        }
    }

    /// The number of rows of a table.
    func count(_ table: String) throws -> Int {
        try gateway.database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// The number of blob files in the data directory.
    func blobFiles() -> Int {
        let root = gateway.config.blobRoot
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { !$0.hasPrefix(".") && $0.split(separator: "/").count == 2 && !$0.hasSuffix(".tmp") }.count
    }
}
