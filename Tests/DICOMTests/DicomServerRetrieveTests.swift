import DICOM
import Foundation
import PhotoGateCore
import Testing
import TestSupport

/// C-MOVE and C-GET against our SCP with DCMTK's movescu and getscu; a storescp started by
/// the test is the move destination.
struct DicomServerRetrieveTests {
    /// Photos on disk, one per catalog image of study 1.2.3.1 (two) and 1.2.3.2 (one).
    private struct Archive {
        let files: [String: String]  // catalog SOP Instance UID -> file

        init() throws {
            let dir = try Fixtures.scratchDirectory()
            var files: [String: String] = [:]
            for uid in ["1.2.3.1.1.1", "1.2.3.1.1.2", "1.2.3.2.1.1"] {
                files[uid] = try DicomSamples.photo(in: dir, name: uid)
            }
            self.files = files
        }

        func paths(for query: DicomQuery) -> [String] {
            Catalog.sample.images(query).compactMap { files[$0] }
        }
    }

    /// A server whose retrieve handler answers from the archive and knows one destination.
    private func server(_ archive: Archive, destination: DicomPeer?, queries: Recorder<DicomQuery> = Recorder())
        throws -> TestServer {
        try TestServer { _ in
            TestHandler(onRetrieve: { query in
                queries.append(query)
                if query.service == .move {
                    guard let destination, query.moveDestination == destination.aeTitle else {
                        return .failure(.moveDestinationUnknown)
                    }
                    return .send(archive.paths(for: query), to: destination)
                }
                return .send(archive.paths(for: query), to: nil)
            })
        }
    }

    @Test func movescuSendsTheStudyToTheDestination() throws {
        let archive = try Archive()
        let destination = try StoreSCP(aeTitle: "DEST")
        defer { destination.stop() }
        let queries = Recorder<DicomQuery>()
        let s = try server(archive, destination: destination.peer, queries: queries)
        defer { s.stop() }

        let out = try DicomPeers.run("movescu", ["-v", "-S", "-aet", "VIEWER", "-aec", "PHOTOGATE", "-aem", "DEST",
                                                 "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3.1",
                                                 "127.0.0.1", s.portArgument])

        #expect(out.status == 0, "\(out.stderr)")
        #expect((out.stdout + out.stderr).contains("Received Final Move Response (Success)"), "\(out.stderr)")
        #expect(destination.received.count == 2, "\(destination.process.log)")
        let query = try #require(queries.all.first)
        #expect(query.service == .move)
        #expect(query.moveDestination == "DEST")
        #expect(query.callingAETitle == "VIEWER")
        #expect(query.level == .study)
        #expect(query[Catalog.studyUID] == "1.2.3.1")
    }

    @Test func unknownMoveDestinationIsRefused() throws {
        let archive = try Archive()
        let s = try server(archive, destination: nil)
        defer { s.stop() }

        let out = try DicomPeers.run("movescu", ["-v", "-S", "-aec", "PHOTOGATE", "-aem", "NOWHERE",
                                                 "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=1.2.3.1",
                                                 "127.0.0.1", s.portArgument])

        #expect((out.stdout + out.stderr).contains("MoveDestinationUnknown"), "\(out.stderr)")
    }

    @Test func partialFailureReportsCountsAndWarning() throws {
        let archive = try Archive()
        let destination = try StoreSCP(aeTitle: "DEST")
        defer { destination.stop() }
        let peer = destination.peer
        let s = try TestServer { _ in
            TestHandler(onRetrieve: { query in
                .send(archive.paths(for: query) + ["/nonexistent/photo.dcm"], to: peer)
            })
        }
        defer { s.stop() }
        let client = DicomClient(peer: s.peer, callingAETitle: "VIEWER")

        let outcome = try client.move(root: .study, level: .study, keys: [DicomAttribute(Catalog.studyUID, "1.2.3.1")],
                                      to: "DEST")

        #expect(outcome.status == .subOperationsCompleteWithFailures)
        #expect(outcome.completed == 2)
        #expect(outcome.failed == 1)
        #expect(destination.received.count == 2)
    }

    @Test func unreachableDestinationFailsEverySubOperation() throws {
        let archive = try Archive()
        let nobody = DicomPeer(host: "127.0.0.1", port: DicomPeers.freePort(), aeTitle: "GONE")
        let s = try TestServer { _ in
            TestHandler(onRetrieve: { query in .send(archive.paths(for: query) + ["/nonexistent/a.dcm"], to: nobody) })
        }
        defer { s.stop() }

        let outcome = try DicomClient(peer: s.peer).move(root: .patient, level: .patient,
                                                         keys: [DicomAttribute(Catalog.patientID, "P1")], to: "GONE")

        #expect(outcome.status == .unableToPerformSubOperations)
        #expect(outcome.failed == 4)
        #expect(outcome.completed == 0)
    }

    @Test func getscuRetrievesOnTheSameAssociation() throws {
        let archive = try Archive()
        let queries = Recorder<DicomQuery>()
        let s = try server(archive, destination: nil, queries: queries)
        defer { s.stop() }
        let dir = try Fixtures.scratchDirectory()

        let out = try DicomPeers.run("getscu", ["-v", "-S", "+xy", "-aec", "PHOTOGATE", "-od", dir,
                                                "-k", "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=1.2.3.1",
                                                "-k", "SeriesInstanceUID=1.2.3.1.1", "127.0.0.1", s.portArgument])

        #expect(out.status == 0, "\(out.stderr)")
        #expect(Fixtures.listing(dir).count == 2, "\(out.stderr)")
        #expect(queries.all.first?.service == .get)
        #expect(queries.all.first?.moveDestination == nil)
        #expect(s.server.counters.associations == 1)
    }
}
