import Foundation
import GRDB
import TestSupport
import Testing

/// Nothing acknowledged is lost: a C-STORE success is only sent once the object is durable.
struct DicomCrashTests {
    @Test func everyInstanceThatGotASuccessSurvivesASIGKILL() async throws {
        // Given 300 distinct photo objects (img2dcm makes new UIDs for each)
        let dir = try Fixtures.scratchDirectory()
        var files: [String] = []
        for i in 0..<300 {
            let path = "\(dir)/in-\(i).dcm"
            let made = try Tool.run("img2dcm", ["-vlp", "-k", "PatientID=MRN-9\(i % 4)", Fixtures.photo("grey.jpg"), path])
            #expect(made.status == 0)
            files.append(path)
        }
        try "dicom: {}\n".write(toFile: dir + "/photogate.yaml", atomically: true, encoding: .utf8)
        let server = try ServerProcess(dataDir: dir + "/data", config: dir + "/photogate.yaml")

        // When storescu sends them all on one association and the gateway is killed mid-way
        let sender = try PeerProcess("storescu", ["-v", "-xy", "-aec", "PHOTOGATE", "127.0.0.1", String(server.dicomPort)] + files,
                                     logPath: dir + "/storescu.log")
        let deadline = Date().addingTimeInterval(30)
        // A blocking wait: under a loaded test run a suspended task may not be resumed for
        // seconds, long enough for the whole burst to finish.
        while Date() < deadline, Self.acknowledged(sender.log).count < 20, sender.isRunning {
            usleep(2_000)
        }
        server.crash()
        sender.waitUntilExit()
        let acknowledged = Self.acknowledged(sender.log)
        #expect(acknowledged.count >= 20 && acknowledged.count < files.count, "the crash should land mid-burst")

        // Then after a restart every acknowledged instance is stored, indexed and readable
        let restarted = try ServerProcess(dataDir: dir + "/data", config: dir + "/photogate.yaml")
        defer { restarted.stop() }
        let clinician = try restarted.token(role: "clinician", name: "dr")
        let stored = try Self.read(dir) { db in
            try Row.fetchAll(db, sql: "SELECT sopInstanceUID, assetId FROM dicomInstance")
                .reduce(into: [String: String]()) { $0[$1["sopInstanceUID"]] = $1["assetId"] }
        }
        let http = HTTP(base: restarted.baseURL)
        for file in acknowledged {
            let uid = try DicomInputs.value(file, "SOPInstanceUID")
            let asset = try #require(stored[uid], "acknowledged \(uid) is missing")
            let bytes = try await http.call("GET", "/api/assets/\(asset)/dicom", token: clinician)
            #expect(bytes.status == 200 && DicomInputs.dataSet(bytes.body).count > 1000)
        }
        // ... and the unacknowledged ones can simply be sent again (stored once)
        let again = try DicomPeers.run("storescu", ["-xy", "-aec", "PHOTOGATE", "127.0.0.1", String(restarted.dicomPort)] + files)
        #expect(again.status == 0, "\(again.stderr)")
        let count = try Self.read(dir) { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dicomInstance") ?? 0
        }
        #expect(count == files.count)
    }

    /// Reads the gateway's database file directly (the test's own view of what is stored).
    static func read<T>(_ dir: String, _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: dir + "/data/photogate.sqlite")
        return try queue.inDatabase(body)
    }

    /// The files storescu got a success response for, in order (`-v` log: "Sending file: X"
    /// then "Received Store Response (Success)").
    static func acknowledged(_ log: String) -> [String] {
        var current: String?
        var out: [String] = []
        for line in log.split(separator: "\n") {
            if let range = line.range(of: "Sending file: ") { current = String(line[range.upperBound...]) }
            if line.contains("Received Store Response (Success)"), let file = current { out.append(file) }
        }
        return out
    }
}
