import Conformance
import Foundation
import Testing

struct CaseLoaderTests {
    @Test func loadsACaseWithStepsExpectationsAndCaptures() throws {
        let root = try CaseFiles.root(["one": """
            title: One
            clause: FHIR R4 http.html#read
            steps:
              - name: read
                http: {path: /fhir/Patient/1, as: integration}
                expect:
                  - status: 200
                  - json: /id
                    equals: "1"
                capture:
                  id: {json: /id}
            """])
        let cases = try CaseLoader(root: root).load()
        #expect(cases.count == 1)
        #expect(cases[0].id == "demo/one")
        #expect(cases[0].steps[0].expectations.count == 2)
        #expect(cases[0].steps[0].captures.map(\.name) == ["id"])
        #expect(cases[0].roles == ["integration"])
    }

    @Test func yamlSyntaxErrorNamesFileAndLine() throws {
        let root = try CaseFiles.root(["broken": """
            title: Broken
            clause: x
            steps:
              - name: a
                http: {path: /x
            """])
        let error = try #require(throws: CaseLoadError.self) { try CaseLoader(root: root).load() }
        #expect(error.file.hasSuffix("demo/broken/case.yaml"))
        #expect(error.line == 6 || error.line == 5)
        #expect(error.description.contains("case.yaml:\(error.line):"))
    }

    @Test func unknownKeyIsNamedWithItsLine() throws {
        let root = try CaseFiles.root(["typo": """
            title: Typo
            clause: x
            steps:
              - name: a
                http: GET /health
                expct:
                  - status: 200
            """])
        let error = try #require(throws: CaseLoadError.self) { try CaseLoader(root: root).load() }
        #expect(error.line == 6)
        #expect(error.message.contains("unknown key 'expct'"))
    }

    @Test func missingMessageFileIsNamedWithItsLine() throws {
        let root = try CaseFiles.root(["nofile": """
            title: No file
            clause: x
            steps:
              - hl7: missing.hl7
            """])
        let error = try #require(throws: CaseLoadError.self) { try CaseLoader(root: root).load() }
        #expect(error.line == 4)
        #expect(error.message.contains("missing.hl7"))
    }

    @Test func badPathExpressionIsNamedWithItsLine() throws {
        let root = try CaseFiles.root(["badpath": """
            title: Bad path
            clause: x
            steps:
              - http: GET /health
                expect:
                  - path: entry.frobnicate()
                    equals: 1
            """])
        let error = try #require(throws: CaseLoadError.self) { try CaseLoader(root: root).load() }
        #expect(error.line == 6)
        #expect(error.message.contains("frobnicate"))
    }

    @Test func suiteNotRunByDefaultIsLeftOutUnlessNamed() throws {
        let root = try CaseFiles.root(suite: "draft", ["x": "title: X\nclause: y\nsteps:\n  - http: GET /health\n"])
        try "title: Draft\ndefault: false\nreason: not merged\n".write(toFile: root + "/draft/suite.yaml", atomically: true, encoding: .utf8)
        #expect(try CaseLoader(root: root).load().isEmpty)
        #expect(try CaseLoader(root: root).load(suites: ["draft"]).count == 1)
    }

    @Test func repositorySuitesLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("conformance").path
        let loader = CaseLoader(root: root)
        let all = try loader.suites().map(\.name)
        let cases = try loader.load(suites: all)
        #expect(cases.count >= 80)
        #expect(Set(cases.map(\.suite)).isSuperset(of: ["hl7v2", "fhir", "dicom", "workflows", "dicomweb"]))
        #expect(try loader.suites().allSatisfy(\.runsByDefault))  // dicomweb too, since /dicomweb exists
    }
}
