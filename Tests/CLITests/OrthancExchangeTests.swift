import Foundation
import TestSupport
import Testing

/// The gateway and Orthanc 1.10 (a real PACS) exchanging objects both ways over DIMSE.
struct OrthancExchangeTests {
    static let issuer = "urn:oid:2.16.840.1"

    /// A gateway forwarding clinical photos to ORTHANC, and an Orthanc that knows the gateway.
    func pair(_ dir: String, orthanc: OrthancPeer) throws -> ServerProcess {
        try """
            dicom:
              peers:
                - {aeTitle: ORTHANC, host: 127.0.0.1, port: \(orthanc.dicomPort)}
              forwarding:
                - destination: ORTHANC
              retryInitialSeconds: 0.2
              retryMaxSeconds: 0.5
            """.write(toFile: dir + "/photogate.yaml", atomically: true, encoding: .utf8)
        let server = try ServerProcess(dataDir: dir + "/data", config: dir + "/photogate.yaml")
        try orthanc.start(gatewayPort: server.dicomPort)
        return server
    }

    @Test func uploadedPhotosReachOrthancAndOrthancStoresAndMovesIntoTheGateway() async throws {
        let dir = try Fixtures.scratchDirectory()
        let orthanc = try OrthancPeer()
        defer { orthanc.stop() }
        let server = try pair(dir, orthanc: orthanc)
        defer { server.stop() }
        let uploader = try server.token(role: "uploader", name: "camera")
        let clinician = try server.token(role: "clinician", name: "dr")
        let http = HTTP(base: server.baseURL)

        // When a photo with EXIF/GPS is uploaded for a clinical record
        let upload = try await http.call("POST", "/api/assets?patient=\(Self.issuer)%7CMRN-701&stream=clinical&bodySite=FACE",
                                         token: uploader, contentType: "image/jpeg", body: try Fixtures.bytes("gps-xmp-iptc.jpg"))
        #expect(upload.status == 201)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(upload.body)) as? [String: Any])?["id"] as? String)

        // Then Orthanc holds it: patient attributes and pixel data as the gateway stored them, no EXIF
        #expect(try await DicomInputs.eventually { try await orthanc.instances().count == 1 })
        let instance = try #require(try await orthanc.instances().first)
        let tags = try await orthanc.tags(instance)
        #expect(tags["PatientID"] as? String == "MRN-701")
        let inOrthanc = try await orthanc.get("/instances/\(instance)/file")
        let inGateway = try await http.call("GET", "/api/assets/\(id)/dicom", token: clinician).body
        // The data set is byte-identical (the file meta header names the sender, so it differs)
        #expect(DicomInputs.dataSet(inOrthanc) == DicomInputs.dataSet(inGateway) ? true : false)
        #expect(!DicomInputs.carriesMetadata(inOrthanc))

        // When Orthanc sends an object of its own (with EXIF in its JPEG) to the gateway by C-STORE
        let object = try DicomInputs.withRawJPEG("orient-6.jpg", patientID: "MRN-702", issuer: Self.issuer, in: dir)
        let posted = try JSONSerialization.jsonObject(with: Data(try await orthanc.post("/instances", try DicomInputs.bytes(object))))
        let theirs = try #require((posted as? [String: Any])?["ID"] as? String)
        try await orthanc.post("/modalities/photogate/store", Array(#"{"Resources":["\#(theirs)"],"Synchronous":true}"#.utf8))
        // Then it is an asset of that patient, kept clean for re-sending
        let (_, list) = try await http.json("GET", "/api/assets?patient=\(Self.issuer)%7CMRN-702", token: clinician)
        let assets = (list as? [String: Any])?["assets"] as? [[String: Any]] ?? (list as? [[String: Any]] ?? [])
        let received = try #require(assets.first?["id"] as? String)
        #expect(!DicomInputs.carriesMetadata(try await http.call("GET", "/api/assets/\(received)/dicom", token: clinician).body))

        // When Orthanc asks the gateway (C-FIND, then C-MOVE to itself) for the first study
        let study = try #require(tags["StudyInstanceUID"] as? String)
        try await orthanc.delete("/instances/\(instance)")
        #expect(try await orthanc.instances().count == 1)  // only its own object is left
        let query = try JSONSerialization.jsonObject(with: Data(try await orthanc.post("/modalities/photogate/query",
            Array(#"{"Level":"Study","Query":{"StudyInstanceUID":"\#(study)","PatientID":""}}"#.utf8))))
        let queryID = try #require((query as? [String: Any])?["ID"] as? String)
        let answers = try await orthanc.json("/queries/\(queryID)/answers?expand") as? [[String: Any]] ?? []
        #expect(answers.count == 1)
        try await orthanc.post("/modalities/photogate/move", Array(#"""
            {"Level":"Study","Resources":[{"StudyInstanceUID":"\#(study)"}],"TargetAet":"ORTHANC","Synchronous":true}
            """#.utf8))
        // Then the study is back in Orthanc
        #expect(try await DicomInputs.eventually { try await orthanc.instances().count == 2 })
    }

    @Test func orthancGoingDownMidForwardingStillGetsEveryObjectExactlyOnce() async throws {
        let dir = try Fixtures.scratchDirectory()
        let orthanc = try OrthancPeer()
        let server = try pair(dir, orthanc: orthanc)
        defer { server.stop() }
        let uploader = try server.token(role: "uploader", name: "camera")
        let http = HTTP(base: server.baseURL)
        let photos = ["baseline-420.jpg", "baseline-444.jpg", "grey.jpg", "icc.jpg", "orient-3.jpg", "orient-6.jpg",
                      "orient-8.jpg", "progressive.jpg", "odd-length.jpg", "grey.png"]

        // When uploads go on while Orthanc is killed after the first few arrived
        var killed = false
        for (i, photo) in photos.enumerated() {
            let r = try await http.call("POST", "/api/assets?patient=\(Self.issuer)%7CMRN-8\(i)&stream=clinical", token: uploader,
                                        contentType: photo.hasSuffix(".png") ? "image/png" : "image/jpeg",
                                        body: try Fixtures.bytes(photo))
            #expect(r.status == 201)
            if !killed, i >= 3, (try? await orthanc.instances().count) ?? 0 >= 2 {
                orthanc.stop()
                killed = true
            }
        }
        if !killed { orthanc.stop() }
        // ... and restarted on the same storage
        let restarted = try OrthancPeer(storage: orthanc.storage, dicomPort: orthanc.dicomPort, httpPort: orthanc.httpPort)
        defer { restarted.stop() }
        try restarted.start(gatewayPort: server.dicomPort)

        // Then every photo is in Orthanc exactly once
        #expect(try await DicomInputs.eventually(30) { try await restarted.instances().count == photos.count })
        let statistics = try await restarted.json("/statistics") as? [String: Any]
        #expect(statistics?["CountInstances"] as? Int == photos.count)
        let mirth = try server.token(role: "integration", name: "mirth")
        let (_, page) = try await http.json("GET", "/api/dicom/forwards?status=sent&limit=100", token: mirth)
        #expect(((page as? [String: Any])?["forwards"] as? [[String: Any]] ?? []).count == photos.count)
    }
}
