import AsyncHTTPClient
import Crypto
import Foundation
import GRDB
import Hummingbird
import NIOCore
import TestSupport
import Testing

/// A local webhook receiver: records each request's headers and body.
actor Received {
    var requests: [(headers: [String: String], body: [UInt8])] = []
    func add(_ headers: [String: String], _ body: [UInt8]) { requests.append((headers, body)) }
}

func startReceiver(_ received: Received) async throws -> (port: Int, task: Task<Void, any Error>) {
    let router = Router()
    router.post("/hook") { request, _ -> HTTPResponse.Status in
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        await received.add(headers, Array(body.readableBytesView))
        return .noContent
    }
    let ready = AsyncStream<Int>.makeStream()
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { ready.continuation.yield($0.localAddress?.port ?? 0) })
    let task = Task { try await app.run() }
    var iterator = ready.stream.makeAsyncIterator()
    return (await iterator.next() ?? 0, task)
}

struct HTTP {
    let base: String
    let client = HTTPClient.shared

    func call(_ method: String, _ path: String, token: String, contentType: String? = nil, body: [UInt8]? = nil)
        async throws -> (status: Int, body: [UInt8])
    {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), Array(try await response.body.collect(upTo: 64 << 20).readableBytesView))
    }

    func json(_ method: String, _ path: String, token: String, _ body: String? = nil) async throws -> (Int, Any?) {
        let r = try await call(method, path, token: token, contentType: body == nil ? nil : "application/json",
                               body: body.map { Array($0.utf8) })
        return (r.status, try? JSONSerialization.jsonObject(with: Data(r.body)))
    }
}

struct ServeEndToEndTests {
    @Test func theWholeConsentAndDeathStoryOverRealSockets() async throws {
        // Given a webhook receiver and a gateway configured to call it
        let received = Received()
        let (hookPort, hookTask) = try await startReceiver(received)
        defer { hookTask.cancel() }
        let dir = try Fixtures.scratchDirectory()
        let secret = "a-shared-secret-of-32-characters"
        try """
            schedulerIntervalSeconds: 1
            webhooks:
              - name: comms
                url: http://127.0.0.1:\(hookPort)/hook
                events: [patient.deceased, consent.withdrawn]
                secret: \(secret)
            """.write(toFile: dir + "/photogate.yaml", atomically: true, encoding: .utf8)
        let server = try ServerProcess(dataDir: dir + "/data", config: dir + "/photogate.yaml")
        defer { server.stop() }
        let uploader = try server.token(role: "uploader", name: "ward-7-camera")
        let comms = try server.token(role: "communications", name: "comms-team")
        let mirth = try server.token(role: "integration", name: "mirth")
        let http = HTTP(base: server.baseURL)

        let health = try await http.call("GET", "/health", token: "")
        #expect(health.status == 200)

        // When photos are uploaded and consent recorded
        var ids: [String] = []
        for photo in ["gps-xmp-iptc.jpg", "orient-6.jpg"] {
            let r = try await http.call("POST", "/api/assets?patient=urn:oid:2.16.840.1|MRN-77&stream=communication&bodySite=FACE",
                                        token: uploader, contentType: "image/jpeg", body: try Fixtures.bytes(photo))
            #expect(r.status == 201)
            ids.append((try JSONSerialization.jsonObject(with: Data(r.body)) as? [String: Any])?["id"] as? String ?? "")
        }
        let (consentStatus, _) = try await http.json("POST", "/api/consents", token: mirth, """
            {"id":"q-1","patient":"urn:oid:2.16.840.1|MRN-77","status":"active","channels":["website","social-media"]}
            """)
        #expect(consentStatus == 201)
        let (_, decision) = try await http.json("GET", "/api/assets/\(ids[0])/decision?channel=website", token: comms)
        #expect((decision as? [String: Any])?["allowed"] as? Bool == true)

        // Then the rendition has the consent as XMP and no EXIF/GPS
        let rendition = try await http.call("GET", "/api/assets/\(ids[0])/rendition?channel=website", token: comms)
        #expect(rendition.status == 200)
        try Data(rendition.body).write(to: URL(fileURLWithPath: dir + "/r.jpg"))
        let exif = try Tool.run("exiftool", ["-G1", "-a", "-s", dir + "/r.jpg"]).stdout
        #expect(exif.contains("[XMP-plus]") && exif.contains("ModelReleaseStatus"))
        #expect(!exif.contains("GPS") && !exif.contains("[ExifIFD]") && !exif.contains("[IFD0]"))

        // When the patient dies
        let (patched, _) = try await http.json("PATCH", "/api/patients?identifier=urn:oid:2.16.840.1|MRN-77", token: mirth,
                                               "{\"deceased\":true}")
        #expect(patched == 200)
        let (_, asset) = try await http.json("GET", "/api/assets/\(ids[1])", token: comms)
        #expect((asset as? [String: Any])?["state"] as? String == "to-be-assessed")
        let blocked = try await http.call("GET", "/api/assets/\(ids[0])/rendition?channel=website", token: comms)
        #expect(blocked.status == 403)
        let (_, page) = try await http.json("GET", "/api/events", token: comms)
        let types = ((page as? [String: Any])?["events"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
        #expect(types.contains("patient.deceased"))

        // Then the webhook receives patient.deceased with a valid signature
        var delivered: (headers: [String: String], body: [UInt8])?
        for _ in 0..<100 {
            delivered = await received.requests.first
            if delivered != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let hook = try #require(delivered)
        #expect(hook.headers["x-photogate-event"] == "patient.deceased")
        let timestamp = hook.headers["x-photogate-timestamp"] ?? ""
        let expected = HMAC<SHA256>.authenticationCode(for: Array(timestamp.utf8) + [UInt8(ascii: ".")] + hook.body,
                                                       using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
        #expect(hook.headers["x-photogate-signature"] == "sha256=" + expected)
        #expect(hook.headers["x-photogate-event-id"]?.isEmpty == false)

        // And the audit trail verifies, until someone alters a row
        server.stop()
        let verify = try Tool.run(Tool.photogate, ["audit", "verify", "--data-dir", server.dataDir])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("audit trail intact"))
        let db = try DatabaseQueue(path: server.dataDir + "/photogate.sqlite")
        try await db.write { try $0.execute(sql: "UPDATE audit SET actor = 'someone-else' WHERE seq = 5") }
        let tampered = try Tool.run(Tool.photogate, ["audit", "verify", "--data-dir", server.dataDir])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("audit record 5"))
    }

    @Test func uploadsAcknowledgedBeforeASIGKILLSurviveIt() async throws {
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        let uploader = try server.token(role: "uploader", name: "camera")
        let clinician = try server.token(role: "clinician", name: "doctor")
        let http = HTTP(base: server.baseURL)
        let photo = try Fixtures.bytes("baseline-420.jpg")

        // Given four clients uploading as fast as they can
        let acknowledged = Received()
        let uploads = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        for i in 0..<10_000 {
                            guard let r = try? await http.call("POST", "/api/assets?patient=s|P\(worker)-\(i % 5)", token: uploader,
                                                               contentType: "image/jpeg", body: photo) else { return }
                            if r.status == 201 { await acknowledged.add([:], r.body) }
                        }
                    }
                }
            }
        }
        // When the server is killed in the middle of it (once a few dozen were acknowledged)
        let deadline = Date().addingTimeInterval(120)
        while await acknowledged.requests.count < 30, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        server.crash()
        await uploads.value
        let acked = await acknowledged.requests.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any])?["id"] as? String
        }
        #expect(acked.count >= 30, "too few uploads before the kill to say anything")

        // Then after a restart every acknowledged upload is there and readable
        let restarted = try ServerProcess(dataDir: dir + "/data")
        defer { restarted.stop() }
        let again = HTTP(base: restarted.baseURL)
        let lost = await withTaskGroup(of: [String].self) { group in
            for shard in 0..<8 {
                group.addTask {
                    var lost: [String] = []
                    for id in acked.enumerated().filter({ $0.offset % 8 == shard }).map(\.element) {
                        let r = try? await again.call("GET", "/api/assets/\(id)/original", token: clinician)
                        if r?.status != 200 || r?.body != photo { lost.append(id) }
                    }
                    return lost
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(lost.isEmpty, "\(lost.count) of \(acked.count) acknowledged uploads lost or unreadable")
        // and no half-written upload shows up as an asset
        let (_, list) = try await again.json("GET", "/api/assets?limit=1000", token: clinician)
        let listed = ((list as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
        #expect(Set(acked).isSubset(of: Set(listed)) || listed.count == 1000)
        for id in listed.prefix(50) {
            let r = try await again.call("GET", "/api/assets/\(id)/dicom", token: clinician)
            #expect(r.status == 200)
        }
    }
}

struct MappingsEndToEndTests {
    @Test func aChannelAddedInTheMappingsIsUsableWithoutARebuild() async throws {
        let dir = try Fixtures.scratchDirectory()
        // Given a site copy of the mappings with one more channel
        let mappings = dir + "/Mappings"
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("Mappings").path, toPath: mappings)
        var consent = try String(contentsOfFile: mappings + "/consent.yaml", encoding: .utf8)
        consent = consent.replacingOccurrences(of: "# Channels a publication consent", with: """
              - name: poster-campaign
                codes:
                  - {element: purpose, system: http://photogate.org/fhir/CodeSystem/publication-channel, code: poster}
            # Channels a publication consent
            """)
        try consent.write(toFile: mappings + "/consent.yaml", atomically: true, encoding: .utf8)
        let check = try Tool.run(Tool.photogate, ["mappings", "validate", mappings])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("poster-campaign"))

        for (mappingsDir, expected) in [(Fixtures.root.appendingPathComponent("Mappings").path, 400), (mappings, 201)] {
            let server = try ServerProcess(dataDir: dir + "/data-\(expected)", mappingsDir: mappingsDir)
            defer { server.stop() }
            let token = try server.token(role: "integration", name: "mirth")
            let uploader = try server.token(role: "uploader", name: "cam")
            let http = HTTP(base: server.baseURL)
            _ = try await http.call("POST", "/api/assets?patient=s|1&stream=communication", token: uploader,
                                    contentType: "image/jpeg", body: try Fixtures.bytes("baseline-420.jpg"))
            let (status, _) = try await http.json("POST", "/api/consents", token: token,
                                                  #"{"patient":"s|1","status":"active","channels":["poster-campaign"]}"#)
            #expect(status == expected, "with \(mappingsDir)")
        }
    }

    @Test func aBrokenMappingStopsServeWithFileAndLine() throws {
        let dir = try Fixtures.scratchDirectory()
        let mappings = dir + "/Mappings"
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent("Mappings").path, toPath: mappings)
        try "rules:\n  - name: x\n    when:\n      - field: PV1-36\n        equal: \"20\"\n"
            .write(toFile: mappings + "/death.yaml", atomically: true, encoding: .utf8)
        let out = try Tool.run(Tool.photogate, ["serve", "--data-dir", dir + "/data", "--http-port", "0", "--mappings", mappings])
        #expect(out.status != 0)
        #expect(out.stderr.contains("death.yaml:5: unknown key 'equal'"), "\(out.stderr)")
        let validate = try Tool.run(Tool.photogate, ["mappings", "validate", mappings])
        #expect(validate.status != 0)
        #expect(validate.stderr.contains("death.yaml:5:"))
    }
}
