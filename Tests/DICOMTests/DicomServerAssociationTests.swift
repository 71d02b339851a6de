import DICOM
import Foundation
import PhotoGateCore
import Testing
import TestSupport

/// Association handling of our SCP: limits, the filter, misbehaving peers, binding, stop.
struct DicomServerAssociationTests {
    @Test func overTheLimitIsRejectedWhileOthersAreServed() throws {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let s = try TestServer({ _ in
            TestHandler(onStore: { _ in
                entered.signal()
                release.wait()
                return .success
            })
        }, configure: { $0.maxAssociations = 1 })
        defer { s.stop() }
        let photo = try DicomSamples.photo(in: try Fixtures.scratchDirectory())
        let busy = try PeerProcess("storescu", ["-xy", "-aec", "PHOTOGATE", "127.0.0.1", s.portArgument, photo],
                                   logPath: try Fixtures.scratchDirectory() + ".log")
        #expect(entered.wait(timeout: .now() + 10) == .success)

        let refused = #expect(throws: DicomNetworkError.self) { try DicomClient(peer: s.peer).echo() }
        let echoscu = try DicomPeers.run("echoscu", ["-aec", "PHOTOGATE", "127.0.0.1", s.portArgument])
        release.signal()
        busy.waitUntilExit()

        #expect(refused?.kind == .associationRejected)
        #expect(refused?.rejection?.localLimitExceeded == true)
        #expect(refused?.rejection?.isTransient == true)
        #expect(echoscu.status != 0)
        #expect(busy.exitStatus == 0, "\(busy.log)")
        #expect(try DicomClient(peer: s.peer).echo() == .success)
        #expect(s.server.counters.rejected == 2)
    }

    @Test func filterRejectsUnknownCallingAETitle() throws {
        let s = try TestServer { _ in
            TestHandler(onAccept: { request in
                guard request.calledAETitle == "PHOTOGATE" else { return .rejectCalledAETitle }
                return request.callingAETitle == "INTRUDER" ? .rejectCallingAETitle : .accept
            })
        }
        defer { s.stop() }

        let intruder = #expect(throws: DicomNetworkError.self) {
            try DicomClient(peer: s.peer, callingAETitle: "INTRUDER").echo()
        }
        let wrongCalled = #expect(throws: DicomNetworkError.self) {
            try DicomClient(peer: DicomPeer(host: "127.0.0.1", port: s.port, aeTitle: "OTHER")).echo()
        }
        let echoscu = try DicomPeers.run("echoscu", ["-aet", "INTRUDER", "-aec", "PHOTOGATE", "127.0.0.1", s.portArgument])

        #expect(intruder?.rejection?.callingAETitleNotRecognized == true)
        #expect(intruder?.rejection?.isTransient == false)
        #expect(wrongCalled?.rejection?.calledAETitleNotRecognized == true)
        #expect(echoscu.status != 0)
        #expect(try DicomClient(peer: s.peer, callingAETitle: "NURSECAM").echo() == .success)
    }

    @Test func idleConnectionDelaysAnEchoByAtMostTheACSETimeout() throws {
        let s = try TestServer({ _ in TestHandler() }, configure: { $0.acseTimeout = .seconds(2) })
        defer { s.stop() }
        let idle = try RawConnection(port: s.port)
        defer { idle.close() }
        Thread.sleep(forTimeInterval: 0.2)  // let the accept loop take the idle connection first

        let started = Date()
        let out = try DicomPeers.run("echoscu", ["-aec", "PHOTOGATE", "127.0.0.1", s.portArgument])
        let elapsed = Date().timeIntervalSince(started)

        #expect(out.status == 0, "\(out.stderr)")
        #expect(elapsed < 2 + 1.5, "echo took \(elapsed) s")
    }

    @Test func garbageAndTruncatedPDUsDoNotHurtTheServer() throws {
        let s = try TestServer({ _ in TestHandler() }, configure: { $0.acseTimeout = .seconds(1) })
        defer { s.stop() }

        let garbage = try RawConnection(port: s.port)
        garbage.send((0..<4096).map { _ in UInt8.random(in: 0...255) })
        garbage.close()
        // An A-ASSOCIATE-RQ header announcing 1000 bytes, then 10 of them and a hang-up.
        let truncated = try RawConnection(port: s.port)
        truncated.send([0x01, 0x00, 0x00, 0x00, 0x03, 0xE8] + [UInt8](repeating: 0x20, count: 10))
        truncated.close()
        // The same, but the peer stays silent: the ACSE timeout ends it.
        let stalled = try RawConnection(port: s.port)
        stalled.send([0x01, 0x00, 0x00, 0x00, 0x03, 0xE8, 0x00, 0x01])
        defer { stalled.close() }

        let out = try DicomPeers.run("echoscu", ["-aec", "PHOTOGATE", "127.0.0.1", s.portArgument])

        #expect(out.status == 0, "\(out.stderr)")
        #expect(s.server.counters.associations == 1)
        #expect(s.server.counters.active == 0)
    }

    @Test func portZeroReportsTheBoundPortOnLoopback() throws {
        let s = try TestServer({ _ in TestHandler() }, configure: { $0.loopbackOnly = true })
        defer { s.stop() }

        #expect(s.port != 0)
        #expect(try DicomClient(peer: s.peer).echo() == .success)
        #expect(Self.listeners().contains("127.0.0.1:\(s.port)"))
    }

    @Test func allAddressesWhenNotLoopbackOnly() throws {
        let s = try TestServer({ _ in TestHandler() }, configure: { $0.loopbackOnly = false })
        defer { s.stop() }

        #expect(Self.listeners().contains("0.0.0.0:\(s.port)"))
    }

    @Test func portInUseFailsAtInit() throws {
        let first = try TestServer { _ in TestHandler() }
        defer { first.stop() }

        let error = #expect(throws: DicomNetworkError.self) {
            _ = try DicomServer(configuration: DicomServerConfiguration(incomingDirectory: first.incoming, port: first.port),
                                handler: TestHandler())
        }
        #expect(error?.kind == .listenFailed)
    }

    @Test func stopReturnsPromptlyAndClosesThePort() throws {
        let s = try TestServer { _ in TestHandler() }
        #expect(try DicomClient(peer: s.peer).echo() == .success)

        let started = Date()
        s.stop()
        let elapsed = Date().timeIntervalSince(started)

        #expect(elapsed < 2.5, "stop took \(elapsed) s")
        #expect(s.server.counters.active == 0)
        let error = #expect(throws: DicomNetworkError.self) { try DicomClient(peer: s.peer).echo() }
        #expect(error?.kind == .unreachable)
    }

    @Test func stopLetsTheStoreInProgressFinish() throws {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let stored = Recorder<String>()
        let s = try TestServer { _ in
            TestHandler(onStore: { object in
                entered.signal()
                release.wait()
                stored.append(object.sopInstanceUID)
                return .success
            })
        }
        let photo = try DicomSamples.photo(in: try Fixtures.scratchDirectory())
        let storescu = try PeerProcess("storescu", ["-xy", "-aec", "PHOTOGATE", "127.0.0.1", s.portArgument, photo],
                                       logPath: try Fixtures.scratchDirectory() + ".log")
        #expect(entered.wait(timeout: .now() + 10) == .success)

        s.server.requestStop()
        Thread.sleep(forTimeInterval: 1.5)  // the accept loop has stopped, the store is still running
        let refused = #expect(throws: DicomNetworkError.self) { try DicomClient(peer: s.peer).echo() }
        release.signal()
        s.server.waitUntilStopped()
        storescu.waitUntilExit()

        #expect(refused?.kind == .unreachable)
        #expect(stored.all.count == 1)
        #expect(storescu.exitStatus == 0, "\(storescu.log)")
        #expect(s.server.counters == DicomServerCounters(associations: 1, rejected: 0, stored: 1, failed: 0, active: 0))
    }

    @Test func stoppedCanBeAwaited() async throws {
        let s = try TestServer { _ in TestHandler() }
        s.server.requestStop()
        await s.server.stopped()
        #expect(s.server.failure == nil)
    }

    /// Listening TCP sockets of this machine as `address:port` (from /proc/net/tcp).
    static func listeners() -> Set<String> {
        // Read to the end: procfs reports a size of 0, and a one-shot read returns only the
        // first page (about 27 sockets) — on a busy machine the listener was beyond it.
        let data = FileHandle(forReadingAtPath: "/proc/net/tcp").flatMap { try? $0.readToEnd() } ?? Data()
        let table = String(decoding: data, as: UTF8.self)
        var out = Set<String>()
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 3, fields[3] == "0A" else { continue }  // LISTEN
            let parts = fields[1].split(separator: ":")
            guard parts.count == 2, let ip = UInt32(parts[0], radix: 16), let port = UInt16(parts[1], radix: 16) else { continue }
            let bytes = [ip & 0xFF, (ip >> 8) & 0xFF, (ip >> 16) & 0xFF, ip >> 24]
            out.insert(bytes.map(String.init).joined(separator: ".") + ":\(port)")
        }
        return out
    }
}
