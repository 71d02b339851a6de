import DICOM
import Foundation
import PhotoGateCore
import Testing
import TestSupport

/// C-FIND against our SCP with DCMTK's findscu, over canned records (``Catalog``).
struct DicomServerQueryTests {
    /// Runs findscu with the keys, extracting each response identifier to a file.
    private func findscu(_ server: TestServer, _ model: String, _ keys: [String], extra: [String] = []) throws
        -> (output: Tool.Output, matches: [DicomFile]) {
        let dir = try Fixtures.scratchDirectory()
        let out = try DicomPeers.run("findscu", ["-v", model, "-aec", "PHOTOGATE", "-X", "-od", dir] + extra
            + keys.flatMap { ["-k", $0] } + ["127.0.0.1", server.portArgument])
        let matches = try Fixtures.listing(dir).filter { $0.hasPrefix("rsp") }.map { try DicomFile(path: "\(dir)/\($0)") }
        return (out, matches)
    }

    private func catalogServer(_ queries: Recorder<DicomQuery> = Recorder()) throws -> TestServer {
        try TestServer { _ in
            TestHandler(onFind: { query in
                queries.append(query)
                return .matches(Catalog.sample.find(query))
            })
        }
    }

    @Test func patientLevelWildcardFindsBothDoes() throws {
        let queries = Recorder<DicomQuery>()
        let s = try catalogServer(queries)
        defer { s.stop() }

        let (out, matches) = try findscu(s, "-P", ["QueryRetrieveLevel=PATIENT", "PatientName=DOE*", "PatientID"])

        #expect(out.status == 0, "\(out.stderr)")
        #expect(matches.map { $0.string(Catalog.patientID) } == ["P1", "P2"])
        #expect(matches.map { $0.string(Catalog.patientName) } == ["DOE^JOHN", "DOE^JANE"])
        #expect(matches.allSatisfy { $0.string(0x0008_0052) == "PATIENT" })
        #expect(matches.allSatisfy { $0.string(Catalog.studyUID) == nil }, "only requested keys come back")
        let query = try #require(queries.all.first)
        #expect(query.root == .patient)
        #expect(query.level == .patient)
        #expect(query.service == .find)
        #expect(query[Catalog.patientName] == "DOE*")
        #expect(query[Catalog.patientID] == "")
    }

    @Test func studyLevelDateRangeInStudyRoot() throws {
        let queries = Recorder<DicomQuery>()
        let s = try catalogServer(queries)
        defer { s.stop() }

        let (out, matches) = try findscu(s, "-S", ["QueryRetrieveLevel=STUDY", "StudyDate=20240101-",
                                                   "StudyInstanceUID", "PatientName", "StudyDescription"])

        #expect(out.status == 0, "\(out.stderr)")
        #expect(matches.map { $0.string(Catalog.studyUID) } == ["1.2.3.1", "1.2.3.2", "1.2.3.4"])
        #expect(matches.map { $0.string(Catalog.studyDescription) } == ["Wound check", "Follow-up", "Burns"])
        #expect(queries.all.first?.root == .study)
    }

    @Test func seriesAndImageLevelsBelowAStudy() throws {
        let s = try catalogServer()
        defer { s.stop() }

        let (_, series) = try findscu(s, "-S", ["QueryRetrieveLevel=SERIES", "StudyInstanceUID=1.2.3.1",
                                                "SeriesInstanceUID", "Modality"])
        let (_, images) = try findscu(s, "-S", ["QueryRetrieveLevel=IMAGE", "StudyInstanceUID=1.2.3.1",
                                                "SeriesInstanceUID=1.2.3.1.1", "SOPInstanceUID"])

        #expect(series.map { $0.string(Catalog.seriesUID) } == ["1.2.3.1.1"])
        #expect(series.first?.string(Catalog.modality) == "XC")
        #expect(images.map { $0.string(Catalog.sopInstanceUID) } == ["1.2.3.1.1.1", "1.2.3.1.1.2"])
        #expect(images.allSatisfy { $0.string(0x0008_0052) == "IMAGE" })
    }

    @Test func questionMarkWildcardAndNonASCIINames() throws {
        let s = try catalogServer()
        defer { s.stop() }

        let (_, jane) = try findscu(s, "-P", ["QueryRetrieveLevel=PATIENT", "PatientName=?OE^JAN?", "PatientID"])
        let (_, anna) = try findscu(s, "-P", ["QueryRetrieveLevel=PATIENT", "PatientID=P3", "PatientName"])

        #expect(jane.map { $0.string(Catalog.patientID) } == ["P2"])
        #expect(anna.first?.string(Catalog.patientName) == "MÜLLER^ANNA")
        #expect(anna.first?.string(DicomTag.specificCharacterSet) == "ISO_IR 192")
    }

    @Test func patientLevelInStudyRootIsRefusedWithoutAskingTheHandler() throws {
        let queries = Recorder<DicomQuery>()
        let s = try catalogServer(queries)
        defer { s.stop() }

        let (out, matches) = try findscu(s, "-S", ["QueryRetrieveLevel=PATIENT", "PatientName"])

        #expect(matches.isEmpty)
        #expect((out.stdout + out.stderr).contains("Error: DataSetDoesNotMatchSOPClass"), "\(out.stderr)")
        #expect(queries.all.isEmpty)
    }

    @Test func handlerFailureStatusReachesThePeer() throws {
        let s = try TestServer { _ in TestHandler(onFind: { _ in .failure(.outOfResources) }) }
        defer { s.stop() }

        let (out, matches) = try findscu(s, "-P", ["QueryRetrieveLevel=PATIENT", "PatientID"])

        #expect(matches.isEmpty)
        #expect((out.stdout + out.stderr).contains("Refused: OutOfResources"), "\(out.stderr)")
    }

    @Test func cancelStopsThePendingResponses() throws {
        // Enough matches that the C-CANCEL-RQ, sent after the first response, arrives long
        // before the last pending response would be sent.
        let total = 20000
        let s = try TestServer { _ in
            TestHandler(onFind: { _ in
                .matches((0..<total).map { [DicomAttribute(Catalog.sopInstanceUID, "1.2.3.\($0)")] })
            })
        }
        defer { s.stop() }

        let out = try DicomPeers.run("findscu", ["-v", "-P", "-aec", "PHOTOGATE", "--cancel", "1",
                                                 "-k", "QueryRetrieveLevel=IMAGE", "-k", "SOPInstanceUID",
                                                 "127.0.0.1", s.portArgument])

        let log = (out.stdout + out.stderr).replacingOccurrences(of: "\0", with: "")
        let pending = log.components(separatedBy: "(Pending)").count - 1
        #expect(out.status == 0, "\(out.stderr)")
        #expect(log.contains("Received Final Find Response (Cancel: MatchingTerminatedDueToCancelRequest)"))
        #expect(pending < total)
    }
}
