import Foundation
import TestSupport
import Testing

/// HL7 v2 over real MLLP sockets, sent by clients we did not write.
struct MLLPEndToEndTests {
    /// Sends messages with the Python `hl7` package's MLLP client (PyPI `hl7`) and prints
    /// MSA-1, MSA-2 and ERR-3.1 of each ACK, parsed with the same package.
    static let client = """
        import sys, hl7, hl7.client
        host, port = sys.argv[1], int(sys.argv[2])
        with hl7.client.MLLPClient(host, port) as c:
            for path in sys.argv[3:]:
                raw = open(path, 'rb').read().decode('utf-8')
                reply = c.send_message(raw)
                ack = hl7.parse(reply.decode('utf-8') if isinstance(reply, bytes) else reply)
                msa = ack.segment('MSA')
                err = ack.segments('ERR')[0][3][0][0][0] if 'ERR' in str(ack) else ''
                print(f"{msa[1][0]}|{msa[2][0]}|{err}")
        """

    @Test func thePythonHL7ClientGetsCorrectACKs() throws {
        let dir = try Fixtures.scratchDirectory()
        let script = dir + "/send.py"
        try Self.client.write(toFile: script, atomically: true, encoding: .utf8)
        let unknownEvent = dir + "/a99.hl7"
        try "MSH|^~\\&|MIRTH|HOSP|PHOTOGATE|HOSP|20261120||ADT^A99|X99|P|2.5.1\rPID|1||12345^^^HOSPITAL^MR\r"
            .write(toFile: unknownEvent, atomically: true, encoding: .utf8)
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        let photos = Fixtures.root.appendingPathComponent("Tests/Fixtures/hl7").path
        let out = try Tool.run("python3", [script, "127.0.0.1", String(server.mllpPort),
                                           photos + "/a08-epic.hl7", photos + "/a03-expired-mirth.hl7", unknownEvent,
                                           photos + "/a08-epic.hl7"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines == ["AA|MSG0001|", "AA|MIRTH-778|", "AR|X99|201", "AA|MSG0001|"], "\(out.stdout)\(out.stderr)")
    }

    @Test func garbageClosesOnlyItsOwnConnection() async throws {
        let dir = try Fixtures.scratchDirectory()
        let server = try ServerProcess(dataDir: dir + "/data")
        defer { server.stop() }
        // a connection sending binary noise is closed …
        let noise = try Tool.run("python3", ["-c", """
            import socket, sys
            s = socket.create_connection(('127.0.0.1', \(server.mllpPort)))
            s.sendall(bytes(range(256)) * 8)
            s.settimeout(5)
            print('closed' if s.recv(100) == b'' else 'open')
            """])
        #expect(noise.stdout.contains("closed"), "\(noise.stdout)\(noise.stderr)")
        // … while a well-behaved sender keeps being served
        let script = dir + "/send.py"
        try Self.client.write(toFile: script, atomically: true, encoding: .utf8)
        let ok = try Tool.run("python3", [script, "127.0.0.1", String(server.mllpPort),
                                          Fixtures.root.appendingPathComponent("Tests/Fixtures/hl7/a08-epic.hl7").path])
        #expect(ok.stdout.hasPrefix("AA|"), "\(ok.stdout)\(ok.stderr)")
    }
}
