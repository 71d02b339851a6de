import DICOM
import Foundation
import PhotoGateCore
import Testing
import TestSupport

/// C-ECHO and C-STORE against our SCP with DCMTK's echoscu and storescu as peers.
struct DicomServerStoreTests {
    @Test func echoscuIsAnswered() throws {
        let s = try TestServer { _ in TestHandler() }
        defer { s.stop() }

        let out = try DicomPeers.run("echoscu", ["-aec", "PHOTOGATE", "127.0.0.1", s.portArgument])

        #expect(out.status == 0, "\(out.stderr)")
        #expect(s.server.counters.associations == 1)
    }

    @Test func storescuPhotoReachesTheHandlerAsJPEGBaseline() throws {
        let received = Recorder<DicomReceivedObject>()
        let s = try TestServer { TestServer.keeping(into: $0, received) }
        defer { s.stop() }
        let photo = try DicomSamples.photo(in: try Fixtures.scratchDirectory())

        let out = try DicomPeers.run("storescu", ["-xy", "-aet", "NURSECAM", "-aec", "PHOTOGATE",
                                                  "127.0.0.1", s.portArgument, photo])

        #expect(out.status == 0, "\(out.stderr)")
        let object = try #require(received.all.first)
        #expect(object.callingAETitle == "NURSECAM")
        #expect(object.calledAETitle == "PHOTOGATE")
        #expect(object.peerAddress == "127.0.0.1")
        #expect(object.sopClassUID == DicomSamples.vlPhotographic)
        #expect(object.transferSyntaxUID == DicomSamples.jpegBaseline)
        let kept = try DicomFile(path: "\(s.stored)/\(object.sopInstanceUID).dcm")
        #expect(kept.string(DicomTag.sopInstanceUID) == object.sopInstanceUID)
        #expect(kept.string(0x0002_0010) == DicomSamples.jpegBaseline)
        let original = try DicomFile(path: photo)
        #expect(kept.fragments?.bytes == original.fragments?.bytes)
        #expect(Fixtures.listing(s.incoming).isEmpty)
        #expect(s.server.counters.stored == 1)
    }

    @Test func successIsSentOnlyAfterTheHandlerReturns() throws {
        let release = DispatchSemaphore(value: 0)
        let entered = DispatchSemaphore(value: 0)
        let s = try TestServer { _ in
            TestHandler(onStore: { _ in
                entered.signal()
                release.wait()
                return .success
            })
        }
        defer { s.stop() }
        let photo = try DicomSamples.photo(in: try Fixtures.scratchDirectory())
        let log = try Fixtures.scratchDirectory() + ".log"
        let storescu = try PeerProcess("storescu", ["-xy", "-aec", "PHOTOGATE", "127.0.0.1", s.portArgument, photo],
                                       logPath: log)

        #expect(entered.wait(timeout: .now() + 10) == .success)
        Thread.sleep(forTimeInterval: 0.5)
        let waitedForResponse = storescu.isRunning
        release.signal()
        storescu.waitUntilExit()

        #expect(waitedForResponse)
        #expect(storescu.exitStatus == 0, "\(storescu.log)")
    }

    @Test func asyncStoreAwaitedFromTheHandler() throws {
        let archive = AsyncArchive()
        let s = try TestServer { stored in
            TestHandler(onStore: { object in
                let handler = TestHandler()
                let kept = try? handler.runBlocking { try await archive.keep(object, in: stored) }
                return kept == true ? .success : .outOfResources
            })
        }
        defer { s.stop() }
        let photo = try DicomSamples.photo(in: try Fixtures.scratchDirectory())

        let outcomes = try DicomClient(peer: s.peer).store([photo])

        #expect(outcomes.first?.status == .success)
        #expect(Fixtures.listing(s.stored).count == 1)
    }

    @Test func outOfResourcesFailsTheStoreAndDeletesTheFile() throws {
        let seen = Recorder<String>()
        let s = try TestServer { _ in
            TestHandler(onStore: { object in
                seen.append(object.path)
                return .outOfResources
            })
        }
        defer { s.stop() }
        let photo = try DicomSamples.photo(in: try Fixtures.scratchDirectory())

        let out = try DicomPeers.run("storescu", ["-v", "-xy", "-aec", "PHOTOGATE", "127.0.0.1", s.portArgument, photo])

        #expect(out.status != 0)
        #expect((out.stdout + out.stderr).contains("Refused: OutOfResources"), "\(out.stdout)\(out.stderr)")
        #expect(seen.all.count == 1)
        #expect(!FileManager.default.fileExists(atPath: seen.all.first ?? "/"))
        #expect(Fixtures.listing(s.incoming).isEmpty)
        #expect(s.server.counters.failed == 1)
    }

    /// Nagle on either side costs ~44 ms per small C-STORE (notes/DCMTK.md): 40 would take
    /// ~1.8 s instead of well under 0.1 s.
    @Test func manyStoresOnOneAssociationAreQuick() throws {
        let received = Recorder<DicomReceivedObject>()
        let s = try TestServer { TestServer.keeping(into: $0, received) }
        defer { s.stop() }
        let dir = try Fixtures.scratchDirectory()
        let photos = try (0..<40).map { try DicomSamples.photo(in: dir, name: "p\($0)") }

        let started = Date()
        let out = try DicomPeers.run("storescu", ["-xy", "-aec", "PHOTOGATE", "127.0.0.1", s.portArgument] + photos)
        let elapsed = Date().timeIntervalSince(started)

        #expect(out.status == 0, "\(out.stderr)")
        #expect(received.all.count == 40)
        #expect(s.server.counters.associations == 1)
        #expect(elapsed < 1, "40 small C-STOREs took \(elapsed) s: is Nagle on?")
    }
}

/// Stands in for an async store (an actor over a database).
private actor AsyncArchive {
    private var kept = 0

    func keep(_ object: DicomReceivedObject, in directory: String) async throws -> Bool {
        try await Task.sleep(for: .milliseconds(10))
        try FileManager.default.moveItem(atPath: object.path, toPath: "\(directory)/\(object.sopInstanceUID).dcm")
        kept += 1
        return true
    }
}
