import Foundation
import Gateway
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import PhotoGateCore
import Storage
import TestSupport
import Testing

struct AssetRoutesTests {
    @Test func uploadStoresEncryptedOriginalAndDicom() async throws {
        let t = try TestGateway()
        try await t.test { client in
            // Given a photo with EXIF, GPS, XMP and IPTC
            let asset = try await client.upload(t, photo: "gps-xmp-iptc.jpg", stream: "clinical")
            let id = asset["id"] as! String
            #expect(asset["state"] as? String == "active")
            #expect(asset["bodySite"] as? String == "85562004")
            // Then a treating role gets the original back byte for byte, and a DICOM object
            try await client.execute(uri: "/api/assets/\(id)/original", method: .get, headers: t.headers(.clinician)) { r in
                #expect(r.status == .ok)
                let original = try Fixtures.bytes("gps-xmp-iptc.jpg")
                #expect(Array(r.body.readableBytesView) == original)
            }
            try await client.execute(uri: "/api/assets/\(id)/dicom", method: .get, headers: t.headers(.clinician)) { r in
                #expect(r.headers[.contentType] == "application/dicom")
                #expect(Array(r.body.readableBytesView)[128..<132] == Array("DICM".utf8)[...])
            }
        }
        // And nothing in the data directory holds plaintext image bytes
        let markers = [Array("JFIF".utf8), Array("Exif".utf8), [0xFF, 0xD8, 0xFF], Array("DICM".utf8)]
        let files = FileManager.default.enumerator(atPath: t.gateway.config.dataDir)!.compactMap { $0 as? String }
        for file in files {
            let path = t.gateway.config.dataDir + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let bytes = Array(data)
            for marker in markers where bytes.count >= marker.count {
                let found = (0...(bytes.count - marker.count)).contains { bytes[$0..<$0 + marker.count].elementsEqual(marker) }
                #expect(!found, "\(file) contains \(marker)")
            }
        }
    }

    @Test func badUploadsGetRegistryErrors() async throws {
        let t = try TestGateway { $0.maxUploadBytes = 4096 }
        try await t.test { client in
            let cases: [(String, String, [UInt8], HTTPResponse.Status, String)] = [
                ("/api/assets?patient=s|1", "text/plain", Array("hello".utf8), .unsupportedMediaType, "PG-5005"),
                ("/api/assets?patient=s|1", "image/jpeg", Array("not a photo at all".utf8), .unsupportedMediaType, "PG-1002"),
                ("/api/assets?patient=s|1", "image/jpeg", try Fixtures.bytes("truncated.jpg"), .badRequest, "PG-1003"),
                ("/api/assets", "image/jpeg", try Fixtures.bytes("baseline-420.jpg"), .badRequest, "PG-1007"),
                ("/api/assets?patient=s|1", "image/jpeg", [UInt8](repeating: 0xFF, count: 5000), .contentTooLarge, "PG-5004"),
                ("/api/assets?patient=s|1&bodySite=WING", "image/jpeg", try Fixtures.bytes("baseline-420.jpg"), .unprocessableContent, "PG-1008"),
            ]
            for (uri, type, body, status, code) in cases {
                try await client.execute(uri: uri, method: .post, headers: t.headers(.uploader, contentType: type),
                                         body: ByteBuffer(bytes: body)) { r in
                    #expect(r.status == status, "\(uri) \(type)")
                    #expect((try? jsonObject(r.body))?["code"] as? String == code, "\(String(buffer: r.body))")
                }
            }
            // and the gateway keeps serving
            _ = try await client.upload(t)
        }
    }

    @Test func listingFiltersByPatientAndStateAndStream() async throws {
        let t = try TestGateway()
        try await t.test { client in
            _ = try await client.upload(t, patient: "s|A", stream: "clinical")
            _ = try await client.upload(t, patient: "s|A", stream: "communication")
            _ = try await client.upload(t, patient: "s|B", stream: "communication")
            let (_, all) = try await client.send(t, .get, "/api/assets", as: .clinician)
            #expect((all as? [Any])?.count == 3)
            let (_, mine) = try await client.send(t, .get, "/api/assets?patient=s|A", as: .clinician)
            #expect((mine as? [Any])?.count == 2)
            // the communications team never sees the clinical stream
            let (_, comms) = try await client.send(t, .get, "/api/assets?patient=s|A", as: .communications)
            #expect((comms as? [Any])?.count == 1)
            let (_, held) = try await client.send(t, .get, "/api/assets?state=to-be-assessed", as: .clinician)
            #expect((held as? [Any])?.count == 0)
        }
    }

    @Test func bulkTaggingChangesManyAssetsAtOnce() async throws {
        let t = try TestGateway()
        try await t.test { client in
            let ids = [try await client.upload(t), try await client.upload(t)].map { $0["id"] as! String }
            let body = "{\"assets\":[\"\(ids[0])\",\"\(ids[1])\"],\"addTags\":[\"wound-care\",\"2026\"]}"
            let (status, result) = try await client.send(t, .patch, "/api/assets", as: .communications, json: body)
            #expect(status == .ok)
            #expect((result as? [[String: Any]])?.allSatisfy { ($0["tags"] as? [String]) == ["wound-care", "2026"] } == true)
            let (missing, _) = try await client.send(t, .patch, "/api/assets", as: .communications,
                                                     json: "{\"assets\":[\"nope\"],\"addTags\":[\"x\"]}")
            #expect(missing == .notFound)
        }
    }
}
