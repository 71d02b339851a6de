import Conformance
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The runner against a stub gateway (a Hummingbird app on a free port) and against nothing.
struct ConformanceRunnerTests {
    /// Answers `GET /api/patients` with a fixed patient.
    func stub() -> some ApplicationProtocol {
        let router = Router()
        router.get("/api/patients") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"family":"Doe","given":["Jane"],"deceased":false}"#)))
        }
        router.get("/health") { _, _ in "ok" }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    func configuration(port: Int) -> RunConfiguration {
        RunConfiguration(target: "http://127.0.0.1:\(port)", tokens: ["default": "t"], photogatePath: "/bin/false",
                         connectTimeoutSeconds: 2, responseTimeoutSeconds: 5)
    }

    static let caseYAML = """
        title: Patient name
        clause: demo clause
        steps:
          - name: read the patient
            http: GET /api/patients?identifier=x
            expect:
              - status: 200
              - json: /family
                equals: Doe
              - path: given
                equals: [Jane, Marie]
        """

    @Test func wrongExpectationIsReportedAsFailedWithADiff() async throws {
        let root = try CaseFiles.root(["name": Self.caseYAML])
        let cases = try CaseLoader(root: root).load()
        try await stub().test(.live) { client in
            let summary = await ConformanceRunner(configuration: configuration(port: client.port!)).run(cases)
            let result = try #require(summary.results.first)
            #expect(result.outcome == .failed)
            #expect(summary.failed)
            let failed = try #require(result.steps.first?.assertions.first { !$0.passed })
            #expect(failed.expectation.line == 10)
            let diff = try #require(failed.diff)
            #expect(diff.contains("+   \"Jane\""))
            #expect(diff.contains("-   \"Marie\"") || diff.contains("- Marie") || diff.contains("-   Marie"))
            #expect(result.message?.contains("line 10") == true)
            // The passing expectations are reported as passed.
            #expect(result.steps[0].assertions.filter(\.passed).count == 2)
            // The reports carry the failure.
            let html = HTMLReport.render(summary)
            #expect(html.contains("FAIL"))
            #expect(html.contains("class=\"diff\""))
            #expect(!html.contains("<script") && !html.contains("<link"))
            let junit = JUnitReport.render(summary)
            #expect(junit.contains("<failure message="))
        }
    }

    @Test func knownIssueFailureDoesNotFailTheRun() async throws {
        let root = try CaseFiles.root(["name": Self.caseYAML.replacingOccurrences(of: "clause: demo clause", with: "clause: demo clause\nknown-issue: the stub has one given name")])
        let cases = try CaseLoader(root: root).load()
        try await stub().test(.live) { client in
            let summary = await ConformanceRunner(configuration: configuration(port: client.port!)).run(cases)
            #expect(summary.results.first?.outcome == .knownIssue)
            #expect(!summary.failed)
        }
    }

    @Test func capturedValuesFeedLaterSteps() async throws {
        let root = try CaseFiles.root(["capture": """
            title: Capture
            clause: demo
            steps:
              - http: GET /api/patients?identifier=x
                capture:
                  family: {json: /family}
              - http: GET /api/patients?identifier=${family}
                expect:
                  - json: /family
                    equals: ${family}
            """])
        let cases = try CaseLoader(root: root).load()
        try await stub().test(.live) { client in
            let summary = await ConformanceRunner(configuration: configuration(port: client.port!)).run(cases)
            #expect(summary.results.first?.outcome == .passed)
            #expect(summary.results.first?.steps[1].observation.request.contains("identifier=Doe") == true)
        }
    }

    @Test func gatewayThatIsDownIsAClearErrorQuickly() async throws {
        let root = try CaseFiles.root(["name": Self.caseYAML])
        let cases = try CaseLoader(root: root).load()
        let runner = ConformanceRunner(configuration: configuration(port: CaseFiles.closedPort()))
        let started = Date()
        let error = await #expect(throws: ConformanceError.self) { try await runner.preflight(cases) }
        #expect(error?.description.contains("connection refused") == true)
        #expect(error?.description.contains("cannot reach the gateway") == true)
        // A run without preflight reports each case as an error, not a hang.
        let summary = await runner.run(cases)
        #expect(summary.results.first?.outcome == .error)
        #expect(summary.results.first?.message?.contains("connection refused") == true)
        // Refused, not waited out: the answer names the refusal, not a timeout. The bound is
        // loose because the whole test suite shares two cores; a hang would still show.
        #expect(summary.results.first?.message?.contains("timed out") == false)
        #expect(Date().timeIntervalSince(started) < 120)
    }

    @Test func unreachableMLLPIsAClearError() async throws {
        let root = try CaseFiles.root(["hl7": """
            title: HL7
            clause: demo
            steps:
              - hl7:
                  message: "MSH|^~\\\\&|A|B|C|D|20260101||ADT^A08^ADT_A01|1|P|2.5.1"
                expect:
                  - hl7: MSA-1
                    equals: AA
            """])
        let cases = try CaseLoader(root: root).load()
        var config = configuration(port: CaseFiles.closedPort())
        config.mllp = .init(host: "127.0.0.1", port: CaseFiles.closedPort())
        let started = Date()
        let summary = await ConformanceRunner(configuration: config).run(cases)
        #expect(summary.results.first?.outcome == .error)
        #expect(summary.results.first?.message?.contains("MLLP") == true)
        #expect(summary.results.first?.message?.contains("connection refused") == true)
        // Refused, not waited out: the answer names the refusal, not a timeout. The bound is
        // loose because the whole test suite shares two cores; a hang would still show.
        #expect(summary.results.first?.message?.contains("timed out") == false)
        #expect(Date().timeIntervalSince(started) < 120)
    }

    @Test func caseNeedingAMissingRoleTokenIsSkipped() async throws {
        let root = try CaseFiles.root(["role": """
            title: Role
            clause: demo
            steps:
              - http: {path: /api/review, as: communications}
            """])
        let cases = try CaseLoader(root: root).load()
        let summary = await ConformanceRunner(configuration: configuration(port: CaseFiles.closedPort())).run(cases)
        #expect(summary.results.first?.outcome == .skipped)
        #expect(summary.results.first?.message?.contains("communications") == true)
        #expect(!summary.failed)
    }
}
