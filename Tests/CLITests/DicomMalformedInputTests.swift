import DICOM
import Foundation
import TestSupport
import Testing

/// Bad DICOM input at the gateway's listener gets the right status or rejection, and the
/// listener keeps serving.
struct DicomMalformedInputTests {
    @Test func badObjectsPDUsAndFloodsAreRefusedAndTheListenerKeepsServing() async throws {
        let dir = try Fixtures.scratchDirectory()
        try """
            dicom:
              maxAssociations: 2
              maxObjectBytes: 12000
            """.write(toFile: dir + "/photogate.yaml", atomically: true, encoding: .utf8)
        let server = try ServerProcess(dataDir: dir + "/data", config: dir + "/photogate.yaml")
        defer { server.stop() }
        let port = String(server.dicomPort)
        func store(_ file: String) throws -> Tool.Output {
            try DicomPeers.run("storescu", ["-v", "-xy", "-aec", "PHOTOGATE", "127.0.0.1", port, file])
        }
        func stillServing() throws -> Bool {
            try DicomPeers.run("echoscu", ["-aec", "PHOTOGATE", "127.0.0.1", port]).status == 0
        }

        // A data set without Patient ID: A900 (PS3.4 B.2.3, data set does not match SOP class)
        let noPatient = try DicomInputs.wrapped("baseline-420.jpg", patientID: "MRN-1", in: dir)
        #expect(try Tool.run("dcmodify", ["-nb", "-ea", "(0010,0020)", noPatient]).status == 0)
        let refused = try store(noPatient)
        #expect(refused.stderr.contains("0xa900") || refused.stderr.contains("Error: DataSetDoesNotMatchSOPClass")
                    || refused.stderr.contains("0xA900"), "\(refused.stderr)")
        #expect(try stillServing())

        // A storage SOP class the gateway does not store (CT Image): no presentation context
        let ct = try DicomInputs.wrapped("baseline-420.jpg", patientID: "MRN-2", in: dir)
        // (dcmodify updates the meta header's Media Storage SOP Class UID to match)
        #expect(try Tool.run("dcmodify", ["-nb", "-m", "(0008,0016)=1.2.840.10008.5.1.4.1.1.2", ct]).status == 0)
        let wrongClass = try store(ct)
        #expect(wrongClass.status != 0)
        #expect(wrongClass.stderr.lowercased().contains("presentation context"), "\(wrongClass.stderr)")
        #expect(try stillServing())

        // An object over dicom.maxObjectBytes: A700 out of resources
        let big = "\(dir)/big.dcm"
        #expect(try Tool.run(Tool.photogate, ["wrap", Fixtures.root.appendingPathComponent("Samples/sample-photo.jpg").path,
                                              "-o", big, "--patient-id", "MRN-3", "--patient-name", "Big^Photo"]).status == 0)
        let tooBig = try store(big)
        #expect(tooBig.stderr.contains("0xa700") || tooBig.stderr.contains("OutOfResources"), "\(tooBig.stderr)")

        // A file whose pixel data is not JPEG although the transfer syntax says so: C000
        let notJPEG = try DicomInputs.wrapped("baseline-420.jpg", patientID: "MRN-4", in: dir)
        let corrupt = notJPEG + ".corrupt.dcm"
        try DicomEditor.rewrite(notJPEG, setting: [], fragment: Array("this is not a JPEG stream".utf8), to: corrupt)
        let garbled = try store(corrupt)
        #expect(garbled.stderr.contains("0xc000") || garbled.stderr.contains("CannotUnderstand")
                    || garbled.stderr.contains("0xC000"), "\(garbled.stderr)")
        #expect(try stillServing())

        // Garbage bytes, a truncated A-ASSOCIATE-RQ and a silent connection
        let garbage = try RawConnection(port: UInt16(server.dicomPort))
        garbage.send((0..<4096).map { _ in UInt8.random(in: 0...255) })
        garbage.close()
        let truncated = try RawConnection(port: UInt16(server.dicomPort))
        truncated.send([0x01, 0x00, 0x00, 0x00, 0x03, 0xE8] + [UInt8](repeating: 0x20, count: 10))
        truncated.close()
        #expect(try stillServing())

        // A flood beyond dicom.maxAssociations: the extra ones are rejected (local limit
        // exceeded), the others are served, and the listener serves afterwards
        let files = try (0..<12).map { try DicomInputs.wrapped("grey.jpg", patientID: "MRN-F\($0)", in: dir) }
        let senders = try (0..<6).map { i in
            try PeerProcess("storescu", ["-v", "-xy", "-aec", "PHOTOGATE", "127.0.0.1", port] + files,
                            logPath: "\(dir)/flood-\(i).log")
        }
        senders.forEach { $0.waitUntilExit() }
        let logs = senders.map(\.log)
        #expect(logs.contains { $0.contains("Association Rejected") }, "no association was over the limit")
        #expect(logs.contains { $0.contains("Received Store Response (Success)") })
        #expect(try stillServing())
    }
}
