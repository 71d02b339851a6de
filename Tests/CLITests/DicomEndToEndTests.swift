import Foundation
import TestSupport
import Testing

/// The gateway's DIMSE side against DCMTK's tools: echoscu, storescu, findscu, movescu,
/// getscu, and storescp as a forwarding destination.
struct DicomEndToEndTests {
    static let issuer = "urn:oid:2.16.840.1"

    func start(_ dir: String, peers: [String] = [], extra: String = "") throws -> ServerProcess {
        try """
            dicom:
              peers:
            \(peers.isEmpty ? "    []" : peers.map { "    - " + $0 }.joined(separator: "\n"))
            \(extra)
            """.write(toFile: dir + "/photogate.yaml", atomically: true, encoding: .utf8)
        return try ServerProcess(dataDir: dir + "/data", config: dir + "/photogate.yaml")
    }

    @Test func dcmtkToolsEchoStoreFindMoveAndGet() async throws {
        // Given a gateway that knows a query client and a move destination
        let dir = try Fixtures.scratchDirectory()
        let dest = try StoreSCP(aeTitle: "DEST")
        defer { dest.stop() }
        let server = try start(dir, peers: ["{aeTitle: QUERYSCU, host: 127.0.0.1, port: 104}",
                                            "{aeTitle: DEST, host: 127.0.0.1, port: \(dest.port)}"])
        defer { server.stop() }
        let port = String(server.dicomPort)

        // C-ECHO: our AE title is required as the called AE (PS3.8 9.3.4 reason 7 otherwise)
        #expect(try DicomPeers.run("echoscu", ["-aec", "PHOTOGATE", "127.0.0.1", port]).status == 0)
        #expect(try DicomPeers.run("echoscu", ["-aec", "SOMEONE", "127.0.0.1", port]).status != 0)

        // C-STORE of an object whose JPEG still carries EXIF/GPS/XMP
        let object = try DicomInputs.withRawJPEG("gps-xmp-iptc.jpg", patientID: "MRN-501", issuer: Self.issuer, in: dir)
        #expect(DicomInputs.carriesMetadata(try DicomInputs.bytes(object)))
        let stored = try DicomPeers.run("storescu", ["-xy", "-aet", "CAMERA", "-aec", "PHOTOGATE", "127.0.0.1", port, object])
        #expect(stored.status == 0, "\(stored.stderr)")
        let study = try DicomInputs.value(object, "StudyInstanceUID")

        // C-FIND from a configured peer, with wild card and a computed attribute
        let find = try DicomPeers.run("findscu", ["-v", "-S", "-aet", "QUERYSCU", "-aec", "PHOTOGATE",
                                                  "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=Doe*",
                                                  "-k", "StudyInstanceUID", "-k", "NumberOfStudyRelatedInstances",
                                                  "127.0.0.1", port])
        #expect(find.stderr.contains(study) && find.stderr.contains("[1 ]"), "\(find.stderr)")
        // ... and refused to a caller nobody configured (PS3.7 C.5: 0124 not authorized)
        let stranger = try DicomPeers.run("findscu", ["-v", "-S", "-aet", "STRANGER", "-aec", "PHOTOGATE",
                                                      "-k", "QueryRetrieveLevel=STUDY", "127.0.0.1", port])
        #expect(stranger.stderr.contains("0x124") || stranger.stderr.contains("0x0124"), "\(stranger.stderr)")

        // C-MOVE to the known destination: the object arrives without EXIF/GPS/XMP
        let move = try DicomPeers.run("movescu", ["-S", "-aet", "QUERYSCU", "-aec", "PHOTOGATE", "-aem", "DEST",
                                                  "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=\(study)",
                                                  "127.0.0.1", port])
        #expect(move.status == 0, "\(move.stderr)")
        let moved = try #require(dest.received.first)
        #expect(!DicomInputs.carriesMetadata(try DicomInputs.bytes(dest.directory + "/" + moved)))
        #expect(try DicomInputs.value(dest.directory + "/" + moved, "PatientID") == "MRN-501")
        // ... and to an unknown one it is refused (PS3.4 C.4.2.1.4: A801)
        let unknown = try DicomPeers.run("movescu", ["-v", "-S", "-aet", "QUERYSCU", "-aec", "PHOTOGATE", "-aem", "NOWHERE",
                                                     "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=\(study)",
                                                     "127.0.0.1", port])
        #expect(unknown.stderr.contains("MoveDestinationUnknown"), "\(unknown.stderr)")

        // C-GET on the caller's own association
        let got = try Fixtures.scratchDirectory()
        let get = try DicomPeers.run("getscu", ["-S", "+xy", "-aet", "QUERYSCU", "-aec", "PHOTOGATE", "-od", got,
                                                "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=\(study)",
                                                "127.0.0.1", port])
        #expect(get.status == 0, "\(get.stderr)")
        #expect(Fixtures.listing(got).count == 1)

        // Over HTTP the asset is there: the original kept as received, the DICOM object clean
        let clinician = try server.token(role: "clinician", name: "dr")
        let http = HTTP(base: server.baseURL)
        let (_, list) = try await http.json("GET", "/api/assets?patient=\(Self.issuer)%7CMRN-501", token: clinician)
        let assets = (list as? [String: Any])?["assets"] as? [[String: Any]] ?? (list as? [[String: Any]] ?? [])
        let id = try #require(assets.first?["id"] as? String)
        #expect(DicomInputs.carriesMetadata(try await http.call("GET", "/api/assets/\(id)/original", token: clinician).body))
        #expect(!DicomInputs.carriesMetadata(try await http.call("GET", "/api/assets/\(id)/dicom", token: clinician).body))

        // The patient the object named was unknown: created from its Patient module, flagged
        // until the EHR side confirms it
        let mirth = try server.token(role: "integration", name: "mirth")
        let (_, patient) = try await http.json("GET", "/api/patients?identifier=\(Self.issuer)%7CMRN-501", token: mirth)
        #expect((patient as? [String: Any])?["flags"] as? [String] == ["unverified"])
        #expect((patient as? [String: Any])?["birthDate"] as? String == "1980-01-01")
        let (_, confirmed) = try await http.json("PATCH", "/api/patients?identifier=\(Self.issuer)%7CMRN-501", token: mirth,
                                                 #"{"gender":"female"}"#)
        #expect((confirmed as? [String: Any])?["flags"] as? [String] == [])
    }

    @Test func forwardingWaitsForADownPACSAndDeliversEachObjectOnce() async throws {
        // Given a forwarding rule to a PACS that is not running yet
        let dir = try Fixtures.scratchDirectory()
        let pacsPort = DicomPeers.freePort()
        let pacsDir = try Fixtures.scratchDirectory()
        let server = try start(dir, peers: ["{aeTitle: PACS, host: 127.0.0.1, port: \(pacsPort)}"], extra: """
              forwarding:
                - destination: PACS
                  streams: [clinical]
              retryInitialSeconds: 0.2
              retryMaxSeconds: 0.5
            """)
        defer { server.stop() }
        let uploader = try server.token(role: "uploader", name: "camera")
        let mirth = try server.token(role: "integration", name: "mirth")
        let http = HTTP(base: server.baseURL)

        // When three clinical photos are uploaded (and one communication photo, not forwarded)
        for (photo, stream) in [("baseline-420.jpg", "clinical"), ("orient-6.jpg", "clinical"), ("grey.png", "clinical"),
                                ("icc.jpg", "communication")] {
            let r = try await http.call("POST", "/api/assets?patient=\(Self.issuer)%7CMRN-601&stream=\(stream)",
                                        token: uploader, contentType: photo.hasSuffix(".png") ? "image/png" : "image/jpeg",
                                        body: try Fixtures.bytes(photo))
            #expect(r.status == 201)
        }
        // Then they wait as pending, with attempts and the error recorded
        #expect(try await DicomInputs.eventually {
            let (_, page) = try await http.json("GET", "/api/dicom/forwards?status=pending", token: mirth)
            let rows = (page as? [String: Any])?["forwards"] as? [[String: Any]] ?? []
            return rows.count == 3 && rows.allSatisfy { ($0["attempts"] as? Int ?? 0) >= 1 && $0["lastError"] != nil }
        })

        // When the PACS comes up, every object arrives, once
        let pacs = try StoreSCP(aeTitle: "PACS", port: pacsPort, directory: pacsDir)
        defer { pacs.stop() }
        #expect(try await DicomInputs.eventually {
            let (_, page) = try await http.json("GET", "/api/dicom/forwards?status=sent", token: mirth)
            return ((page as? [String: Any])?["forwards"] as? [[String: Any]] ?? []).count == 3
        })
        let files = pacs.received
        #expect(files.count == 3)
        for file in files {
            let path = pacs.directory + "/" + file
            let check = try Tool.run("dciodvfy", [path])
            #expect(!(check.stdout + check.stderr).contains("Error"), "\(check.stderr)")
            #expect(try DicomInputs.value(path, "PatientID") == "MRN-601")
        }

        // When the EHR corrects the patient's name, the objects are rewritten and sent again
        let (patched, _) = try await http.json("PATCH", "/api/patients?identifier=\(Self.issuer)%7CMRN-601", token: mirth,
                                               #"{"family":"Corrected","given":["Anna"]}"#)
        #expect(patched == 200)
        #expect(try await DicomInputs.eventually {
            let (_, page) = try await http.json("GET", "/api/dicom/forwards?status=sent", token: mirth)
            return ((page as? [String: Any])?["forwards"] as? [[String: Any]] ?? []).count == 6
        })
        let names = try pacs.received.map { try DicomInputs.value(pacs.directory + "/" + $0, "PatientName") }
        #expect(names.filter { $0 == "Corrected^Anna" }.count == 3, "\(names)")
    }
}
