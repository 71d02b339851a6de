import AsyncHTTPClient
import Foundation
import TestSupport
import Testing

/// `/dicomweb` over real sockets against a spawned gateway: the Python `dicomweb-client`
/// package as the peer (STOW-RS, QIDO-RS, WADO-RS), a capture app's STOW of DICOM JSON plus
/// a JPEG checked with dciodvfy, and the error answers.
struct DICOMwebEndToEndTests {
    static let issuer = "urn:oid:2.16.840.1"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("dicomweb_peer.py").path

    func start(_ dir: String, environment: [String: String] = [:]) throws -> ServerProcess {
        try ServerProcess(dataDir: dir + "/data", environment: environment)
    }

    @Test func dicomwebClientStoresSearchesAndRetrieves() async throws {
        // Given a gateway and an object whose JPEG still carries EXIF, GPS, XMP and IPTC
        let dir = try Fixtures.scratchDirectory()
        let server = try start(dir)
        defer { server.stop() }
        let clinician = try server.token(role: "clinician", name: "dr-web")
        let object = try DicomInputs.withRawJPEG("gps-xmp-iptc.jpg", patientID: "MRN-DW1", issuer: Self.issuer, in: dir)
        let study = try DicomInputs.value(object, "StudyInstanceUID")
        let sop = try DicomInputs.value(object, "SOPInstanceUID")

        // When dicomweb-client stores it, searches for it and retrieves it
        let run = try Tool.run("python3", [Self.script, server.baseURL, clinician, object, dir])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")

        // Then STOW-RS answered with the instance, QIDO-RS found it every way, WADO-RS returned it
        #expect(result["stored"] as? [String] == [sop])
        #expect(result["failed"] as? Int == 0)
        #expect(result["studies"] as? [String] == [study])
        #expect(result["studyModalities"] as? [[String]] == [["XC"]])
        #expect(result["byWildcard"] as? Int == 1)
        #expect(result["byDateRange"] as? Int == 1)
        #expect(result["noMatch"] as? Int == 0)
        #expect((result["series"] as? [String])?.count == 1)
        #expect(result["instances"] as? [String] == [sop])
        #expect(result["paged"] as? Int == 0)
        #expect(result["retrievedSOP"] as? String == sop)
        #expect(result["retrievedPatientID"] as? String == "MRN-DW1")
        #expect(result["pixelStartsWithSOI"] as? Bool == true)
        #expect(result["metadataSOP"] as? String == sop)
        #expect((result["pixelBulkDataURI"] as? String)?.hasSuffix("/instances/\(sop)/bulkdata/7FE00010") == true)
        #expect(result["pixelInline"] as? Bool == false)
        #expect(result["studyMetadata"] as? Int == 1)
        #expect(result["renderedIsJPEG"] as? Bool == true)
        #expect(result["bulkIsJPEG"] as? Bool == true)
        // ... cleaned as a C-STORE is: what WADO-RS hands out has no EXIF/GPS/XMP
        #expect(!DicomInputs.carriesMetadata(try DicomInputs.bytes(dir + "/retrieved.dcm")))

        // And every read was audited
        let privacy = try server.token(role: "privacy-officer", name: "po")
        let (status, audit) = try await HTTP(base: server.baseURL).json("GET", "/api/audit?actor=dr-web&limit=200", token: privacy)
        #expect(status == 200)
        let entries = (audit as? [String: Any])?["entries"] as? [[String: Any]] ?? (audit as? [[String: Any]] ?? [])
        let actions = Set(entries.compactMap { $0["action"] as? String })
        #expect(actions.isSuperset(of: ["asset.create", "dicomweb.search", "asset.read-dicom", "asset.read-metadata",
                                        "asset.read-rendered", "asset.read-bulkdata"]), "\(actions)")
    }

    /// The WIC-style upload: DICOM JSON metadata plus the JPEG it references.
    static func photoUpload(study: String, sop: String, photo: [UInt8], patientID: String, boundary: String = "wic-boundary")
        -> [UInt8]
    {
        let metadata = """
            [{"00100020":{"vr":"LO","Value":["\(patientID)"]},"00100021":{"vr":"LO","Value":["\(issuer)"]},
              "00100010":{"vr":"PN","Value":[{"Alphabetic":"Capture^Carla"}]},"00100040":{"vr":"CS","Value":["F"]},
              "0020000D":{"vr":"UI","Value":["\(study)"]},"00080018":{"vr":"UI","Value":["\(sop)"]},
              "00080016":{"vr":"UI","Value":["1.2.840.10008.5.1.4.1.1.77.1.4"]},
              "00180015":{"vr":"CS","Value":["HAND"]},"00200062":{"vr":"CS","Value":["L"]},
              "0008103E":{"vr":"LO","Value":["wound day 3"]},
              "7FE00010":{"vr":"OB","BulkDataURI":"photo-1.jpg"}}]
            """
        var body = Array("--\(boundary)\r\nContent-Type: application/dicom+json\r\n\r\n\(metadata)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Type: image/jpeg\r\nContent-Location: photo-1.jpg\r\n\r\n".utf8)
        body += photo
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    @Test func stowOfJSONAndJPEGMakesACleanVLPhoto() async throws {
        // Given a gateway and a capture app with the uploader role
        let dir = try Fixtures.scratchDirectory()
        let server = try start(dir)
        defer { server.stop() }
        let camera = try server.token(role: "uploader", name: "capture-app")
        let clinician = try server.token(role: "clinician", name: "dr")
        let http = HTTP(base: server.baseURL)
        let study = "2.25.\(UInt64.random(in: 1...UInt64.max))"
        let sop = "2.25.\(UInt64.random(in: 1...UInt64.max))"
        let body = Self.photoUpload(study: study, sop: sop, photo: try Fixtures.bytes("gps-xmp-iptc.jpg"), patientID: "MRN-WIC")
        let type = "multipart/related; type=\"application/dicom+json\"; boundary=wic-boundary"

        // When it stores the metadata and the JPEG
        let stored = try await http.call("POST", "/dicomweb/studies/\(study)", token: camera, contentType: type, body: body)

        // Then the store response names the instance it asked for
        #expect(stored.status == 200, "\(String(decoding: stored.body, as: UTF8.self))")
        let response = try #require(try JSONSerialization.jsonObject(with: Data(stored.body)) as? [String: [String: Any]])
        let items = response["00081199"]?["Value"] as? [[String: [String: Any]]]
        #expect((items?.first?["00081155"]?["Value"] as? [String]) == [sop])
        // ... a second identical upload is not stored twice
        let again = try await http.call("POST", "/dicomweb/studies", token: camera, contentType: type, body: body)
        #expect(again.status == 200)

        // And the object the gateway made is a clean VL Photographic Image with the patient's context
        let (_, list) = try await http.json("GET", "/api/assets?patient=\(Self.issuer)%7CMRN-WIC", token: clinician)
        let assets = (list as? [String: Any])?["assets"] as? [[String: Any]] ?? (list as? [[String: Any]] ?? [])
        #expect(assets.count == 1)
        let id = try #require(assets.first?["id"] as? String)
        let dicom = try await http.call("GET", "/api/assets/\(id)/dicom", token: clinician)
        let path = dir + "/wic.dcm"
        try Data(dicom.body).write(to: URL(fileURLWithPath: path))
        let check = try Tool.run("dciodvfy", [path])
        #expect(!(check.stdout + check.stderr).contains("Error"), "\(check.stderr)")
        #expect(try DicomInputs.value(path, "SOPInstanceUID") == sop)
        #expect(try DicomInputs.value(path, "StudyInstanceUID") == study)
        #expect(try DicomInputs.value(path, "PatientID") == "MRN-WIC")
        #expect(try DicomInputs.value(path, "PatientName") == "Capture^Carla")
        #expect(try DicomInputs.value(path, "ImageLaterality") == "L")
        #expect(!DicomInputs.carriesMetadata(dicom.body))
        // ... and QIDO-RS finds it by its study
        let search = try await http.call("GET", "/dicomweb/studies/\(study)/instances", token: clinician)
        #expect(search.status == 200)
        #expect(String(decoding: search.body, as: UTF8.self).contains(sop))
    }

    @Test func badRequestsGetStandardErrorsAndTheServerKeepsServing() async throws {
        // Given a gateway with a small body limit
        let dir = try Fixtures.scratchDirectory()
        let server = try start(dir, environment: ["PHOTOGATE_MAX_UPLOAD_BYTES": "65536"])
        defer { server.stop() }
        let clinician = try server.token(role: "clinician", name: "dr")
        let uploader = try server.token(role: "uploader", name: "cam")
        let privacy = try server.token(role: "privacy-officer", name: "po")
        let http = HTTP(base: server.baseURL)
        func code(_ body: [UInt8]) -> String? {
            (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["code"] as? String
        }
        let dicomType = "multipart/related; type=\"application/dicom\"; boundary=b"

        // Authentication and roles (PS3.18 8.6: HTTP authentication)
        #expect(try await http.call("GET", "/dicomweb/studies", token: "").status == 401)
        #expect(try await http.call("GET", "/dicomweb/studies", token: uploader).status == 403)
        #expect(try await http.call("POST", "/dicomweb/studies", token: privacy, contentType: dicomType,
                                    body: Array("--b--".utf8)).status == 403)

        // 415: not multipart, or a root type the gateway does not take
        let text = try await http.call("POST", "/dicomweb/studies", token: clinician, contentType: "text/plain",
                                       body: Array("not dicom".utf8))
        #expect(text.status == 415 && code(text.body) == "PG-5005")
        #expect(try await http.call("POST", "/dicomweb/studies", token: clinician,
                                    contentType: "multipart/related; type=\"application/dicom+xml\"; boundary=b",
                                    body: Array("--b--".utf8)).status == 415)

        // 400: malformed multipart (no close delimiter; no boundary)
        let truncated = try await http.call("POST", "/dicomweb/studies", token: clinician, contentType: dicomType,
                                            body: Array("--b\r\nContent-Type: application/dicom\r\n\r\nDICM".utf8))
        #expect(truncated.status == 400 && code(truncated.body) == "PG-5003")
        #expect(try await http.call("POST", "/dicomweb/studies", token: clinician,
                                    contentType: "multipart/related; type=\"application/dicom\"",
                                    body: Array("--b--".utf8)).status == 400)

        // 413: over the body limit
        let big = Array("--b\r\nContent-Type: application/dicom\r\n\r\n".utf8) + [UInt8](repeating: 0x41, count: 70_000)
            + Array("\r\n--b--\r\n".utf8)
        let tooBig = try await http.call("POST", "/dicomweb/studies", token: clinician, contentType: dicomType, body: big)
        #expect(tooBig.status == 413 && code(tooBig.body) == "PG-5004")

        // 409: well-formed, but nothing could be stored (not DICOM; another study than the path's)
        let junk = try await http.call("POST", "/dicomweb/studies", token: clinician, contentType: dicomType,
                                       body: Array("--b\r\nContent-Type: application/dicom\r\n\r\nnot dicom\r\n--b--".utf8))
        #expect(junk.status == 409, "\(String(decoding: junk.body, as: UTF8.self))")
        let object = try DicomInputs.wrapped("baseline-420.jpg", patientID: "MRN-ERR", in: dir)
        let mismatch = Array("--b\r\nContent-Type: application/dicom\r\n\r\n".utf8) + (try DicomInputs.bytes(object))
            + Array("\r\n--b--".utf8)
        let wrongStudy = try await http.call("POST", "/dicomweb/studies/1.2.3.4", token: clinician, contentType: dicomType,
                                             body: mismatch)
        #expect(wrongStudy.status == 409)
        let failed = (try JSONSerialization.jsonObject(with: Data(wrongStudy.body)) as? [String: [String: Any]])?["00081198"]
        let reason = ((failed?["Value"] as? [[String: [String: Any]]])?.first?["00081197"]?["Value"] as? [Int])?.first
        #expect(reason == 0xA900)
        // ... the same object to its own study is stored
        #expect(try await http.call("POST", "/dicomweb/studies", token: clinician, contentType: dicomType, body: mismatch).status == 200)

        // 406: representations the gateway cannot produce (PG-5012)
        let study = try DicomInputs.value(object, "StudyInstanceUID")
        let xml = try await call(http, "/dicomweb/studies/\(study)/metadata", token: clinician,
                                 accept: "multipart/related; type=\"application/dicom+xml\"")
        #expect(xml.status == 406 && code(xml.body) == "PG-5012")
        let series = try DicomInputs.value(object, "SeriesInstanceUID")
        let sop = try DicomInputs.value(object, "SOPInstanceUID")
        let png = try await call(http, "/dicomweb/studies/\(study)/series/\(series)/instances/\(sop)/rendered",
                                 token: clinician, accept: "image/png")
        #expect(png.status == 406)
        let explicit = try await call(http, "/dicomweb/studies/\(study)", token: clinician,
                                      accept: "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1")
        #expect(explicit.status == 406)
        // ... pixels only for the treating role; metadata also for the privacy officer
        #expect(try await call(http, "/dicomweb/studies/\(study)", token: privacy, accept: "*/*").status == 403)
        #expect(try await call(http, "/dicomweb/studies/\(study)/metadata", token: privacy, accept: "*/*").status == 200)
        #expect(try await call(http, "/dicomweb/studies/2.25.1/metadata", token: clinician, accept: "*/*").status == 404)

        // And the server still answers
        let after = try await call(http, "/dicomweb/studies?PatientID=MRN-ERR", token: clinician, accept: "application/dicom+json")
        #expect(after.status == 200)
        #expect(try await call(http, "/dicomweb/studies?PatientID=NOBODY", token: clinician, accept: "*/*").status == 204)
        #expect(try await call(http, "/dicomweb/studies?NoSuchAttribute=1", token: clinician, accept: "*/*").status == 400)
    }

    /// A GET with an Accept header.
    func call(_ http: HTTP, _ path: String, token: String, accept: String) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: http.base + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: accept)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (Int(response.status.code), Array(try await response.body.collect(upTo: 64 << 20).readableBytesView))
    }
}
