import DICOM
import Foundation
import PhotoGateCore
import Testing
import TestSupport

/// Our SCU against DCMTK's storescp, and against our own SCP for C-FIND and C-MOVE.
struct DicomClientTests {
    @Test func echoAndStoreToStorescp() throws {
        let storescp = try StoreSCP(aeTitle: "PACS")
        defer { storescp.stop() }
        let dir = try Fixtures.scratchDirectory()
        let photos = try (0..<3).map { try DicomSamples.photo(in: dir, name: "photo\($0)") }
        let client = DicomClient(peer: storescp.peer, callingAETitle: "PHOTOGATE")

        let echo = try client.echo()
        let outcomes = try client.store(photos)

        #expect(echo == .success)
        #expect(outcomes.map(\.status) == [.success, .success, .success])
        #expect(outcomes.allSatisfy { $0.isStored })
        #expect(outcomes.map(\.path) == photos)
        #expect(Set(outcomes.map(\.sopInstanceUID)).count == 3)
        #expect(storescp.received.count == 3, "\(storescp.process.log)")
    }

    @Test func storeReportsEachFile() throws {
        let dir = try Fixtures.scratchDirectory()
        let photo = try DicomSamples.photo(in: dir)
        let notDicom = Fixtures.photo("baseline-420.jpg")
        let native = try DicomSamples.large(at: dir + "/native.dcm", pixelBytes: 1 << 20)
        let refused = try #require(try DicomFile(path: native).string(DicomTag.sopInstanceUID))
        let received = Recorder<DicomReceivedObject>()
        let s = try TestServer { stored in
            var handler = TestServer.keeping(into: stored, received)
            let keep = handler.onStore
            handler.onStore = { $0.sopInstanceUID == refused ? .dataSetDoesNotMatchSOPClass : keep($0) }
            return handler
        }
        defer { s.stop() }

        let outcomes = try DicomClient(peer: s.peer).store([photo, notDicom, native])

        #expect(outcomes[0].status == .success)
        #expect(outcomes[1].status == nil)
        #expect(outcomes[1].problem?.contains("cannot read") == true)
        #expect(outcomes[2].status == .dataSetDoesNotMatchSOPClass)
        #expect(outcomes[2].sopInstanceUID == refused)
        #expect(received.all.map(\.transferSyntaxUID) == [DicomSamples.jpegBaseline])
        #expect(Fixtures.listing(s.incoming).isEmpty)
    }

    @Test func nativeFileFallsBackToImplicitLittleEndianOnlyWhenAllowed() throws {
        let storescp = try StoreSCP(aeTitle: "PACS", extraArguments: ["+xi"])  // accepts Implicit VR LE only
        defer { storescp.stop() }
        let file = try DicomSamples.large(at: try Fixtures.scratchDirectory() + "/native.dcm", pixelBytes: 1 << 16)
        var client = DicomClient(peer: storescp.peer)

        let withFallback = try client.store([file])
        client.allowTransferSyntaxFallback = false
        let strict = #expect(throws: DicomNetworkError.self) { try client.store([file]) }

        #expect(withFallback.first?.status == .success)
        #expect(strict?.kind == .noPresentationContext)
    }

    @Test func connectionRefusedIsUnreachable() throws {
        let client = DicomClient(peer: DicomPeer(host: "127.0.0.1", port: DicomPeers.freePort(), aeTitle: "NOBODY"))

        let error = #expect(throws: DicomNetworkError.self) { try client.echo() }

        #expect(error?.kind == .unreachable)
        #expect(error?.pgError.code == .internalError)
    }

    @Test func refusedByStorescpIsRejected() throws {
        let storescp = try StoreSCP(aeTitle: "PACS", extraArguments: ["--refuse"])
        defer { storescp.stop() }

        let error = #expect(throws: DicomNetworkError.self) { try DicomClient(peer: storescp.peer).echo() }

        #expect(error?.kind == .associationRejected)
        #expect(error?.rejection != nil)
    }

    @Test func findWithoutQueryRetrieveHasNoPresentationContext() throws {
        let s = try TestServer({ _ in TestHandler() }, configure: { $0.queryRetrieve = false })
        defer { s.stop() }

        let error = #expect(throws: DicomNetworkError.self) {
            try DicomClient(peer: s.peer).find(root: .study, level: .study, keys: [DicomAttribute(Catalog.studyUID, "")])
        }

        #expect(error?.kind == .noPresentationContext)
    }

    @Test func findReturnsTheMatches() throws {
        let s = try TestServer { _ in TestHandler(onFind: { .matches(Catalog.sample.find($0)) }) }
        defer { s.stop() }

        let response = try DicomClient(peer: s.peer).find(
            root: .patient, level: .study,
            keys: [DicomAttribute(Catalog.patientID, "P1"), DicomAttribute(Catalog.studyUID, ""),
                   DicomAttribute(Catalog.studyDate, "")])

        #expect(response.status == .success)
        let studies = response.matches.map { match in match.first { $0.tag == Catalog.studyUID }?.value }
        #expect(studies == ["1.2.3.1", "1.2.3.2"])
        #expect(response.matches.first?.contains(DicomAttribute(0x0008_0052, "STUDY")) == true)
    }

    @Test func moveThroughOurServerToStorescp() throws {
        let storescp = try StoreSCP(aeTitle: "DEST")
        defer { storescp.stop() }
        let dir = try Fixtures.scratchDirectory()
        let photos = try (0..<2).map { try DicomSamples.photo(in: dir, name: "m\($0)") }
        let destination = storescp.peer
        let s = try TestServer { _ in
            TestHandler(onRetrieve: { query in
                query.moveDestination == "DEST" ? .send(photos, to: destination) : .failure(.moveDestinationUnknown)
            })
        }
        defer { s.stop() }
        let client = DicomClient(peer: s.peer, callingAETitle: "VIEWER")

        let moved = try client.move(root: .study, level: .study, keys: [DicomAttribute(Catalog.studyUID, "1.2.3.1")],
                                    to: "DEST")
        let unknown = try client.move(root: .study, level: .study, keys: [DicomAttribute(Catalog.studyUID, "1.2.3.1")],
                                      to: "ELSEWHERE")

        #expect(moved == DicomMoveOutcome(status: .success, completed: 2, failed: 0, warning: 0))
        #expect(unknown.status == .moveDestinationUnknown)
        #expect(storescp.received.count == 2)
    }

    @Test func badQueryKeyIsAnInvalidRequest() throws {
        let client = DicomClient(peer: DicomPeer(host: "127.0.0.1", port: 1, aeTitle: "X"))

        let error = #expect(throws: DicomNetworkError.self) {
            try client.find(root: .study, level: .study, keys: [DicomAttribute(0x0009_1001, "private")])
        }

        #expect(error?.kind == .invalidRequest)
    }
}
