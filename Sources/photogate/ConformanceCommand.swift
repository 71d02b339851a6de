import ArgumentParser
import Conformance
import Foundation

/// `photogate conformance run|list`: the interface analyst's conformance suites
/// (`conformance/`, docs/conformance.md). The runner talks HTTP, MLLP and DIMSE to a running
/// gateway; `--spawn` starts a throw-away one first.
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Run the conformance suites against a gateway, or list them.",
        subcommands: [Run.self, List.self]
    )

    struct Cases: ParsableArguments {
        @Option(help: "The conformance folder (default ./conformance).")
        var cases = "conformance"

        @Argument(help: "Suites to use (default: every suite that runs by default).")
        var suites: [String] = []

        @Option(help: "Only cases whose id contains this text (repeatable).")
        var only: [String] = []

        func load() throws -> (CaseLoader, [ConformanceCase]) {
            let loader = CaseLoader(root: cases)
            let all = try loader.load(suites: suites)
            return (loader, only.isEmpty ? all : all.filter { c in only.contains { c.id.contains($0) } })
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run cases; exit status 1 when a case fails, 2 when the run cannot start.",
            discussion: "Example: photogate conformance run hl7v2 fhir --target http://127.0.0.1:8080 --token $ADMIN --mllp 127.0.0.1:2575 --report out/")

        @OptionGroup var selection: Cases

        @Option(help: "The gateway's HTTP base URL, e.g. http://127.0.0.1:8080.")
        var target: String?

        @Option(help: "Bearer token used by default (an admin token runs every case).")
        var token: String?

        @Option(name: .customLong("role-token"), help: "ROLE=TOKEN for cases that act as a role (repeatable).")
        var roleTokens: [String] = []

        @Option(help: "The MLLP listener, HOST:PORT (HL7 v2 cases are skipped without it).")
        var mllp: String?

        @Option(help: "The DICOM listener, HOST:PORT (DICOM cases are skipped without it).")
        var dicom: String?

        @Option(name: .customLong("called-ae"), help: "The gateway's AE title (default PHOTOGATE).")
        var calledAE = "PHOTOGATE"

        @Option(name: .customLong("calling-ae"), help: "Our AE title; the gateway must list it in dicom.peers for C-FIND (default PGCONFORMANCE).")
        var callingAE = "PGCONFORMANCE"

        @Option(help: "Write the HTML report to DIR/report.html.")
        var report: String?

        @Option(help: "Write JUnit XML to this file.")
        var junit: String?

        @Flag(help: "Start a throw-away gateway (temporary data directory, free ports, a token per role) and run against it.")
        var spawn = false

        @Option(help: "Mappings folder for --spawn (default ./Mappings).")
        var mappings = "Mappings"

        @Option(help: "Seconds to wait for each answer (default 30).")
        var timeout: Int64 = 30

        func validate() throws {
            if !spawn, target == nil { throw ValidationError("give --target URL (and --token), or --spawn") }
            if spawn, target != nil { throw ValidationError("--spawn and --target exclude each other") }
            if let mllp, RunConfiguration.Endpoint(parsing: mllp) == nil { throw ValidationError("--mllp is HOST:PORT") }
            if let dicom, RunConfiguration.Endpoint(parsing: dicom) == nil { throw ValidationError("--dicom is HOST:PORT") }
            for rt in roleTokens where !rt.contains("=") { throw ValidationError("--role-token is ROLE=TOKEN") }
        }

        func run() async throws {
            let cases: [ConformanceCase]
            do {
                cases = try selection.load().1
            } catch {
                FileHandle.standardError.write(Data("photogate conformance: \(error)\n".utf8))
                throw ExitCode(2)
            }
            var gateway: SpawnedGateway?
            var configuration: RunConfiguration
            if spawn {
                do {
                    gateway = try SpawnedGateway(photogate: Self.executablePath, mappings: mappings, callingAETitle: callingAE)
                    FileHandle.standardError.write(Data("photogate conformance: spawned gateway pid \(gateway!.processIdentifier) at \(gateway!.configuration.target)\n".utf8))
                } catch {
                    FileHandle.standardError.write(Data("photogate conformance: \(error)\n".utf8))
                    throw ExitCode(2)
                }
                configuration = gateway!.configuration
            } else {
                var tokens: [String: String] = [:]
                if let token { tokens["default"] = token }
                for rt in roleTokens {
                    let parts = rt.split(separator: "=", maxSplits: 1).map(String.init)
                    tokens[parts[0]] = parts[1]
                }
                configuration = RunConfiguration(target: target!, tokens: tokens, mllp: mllp.flatMap(RunConfiguration.Endpoint.init(parsing:)),
                                                 dicom: dicom.flatMap(RunConfiguration.Endpoint.init(parsing:)), calledAETitle: calledAE,
                                                 callingAETitle: callingAE, photogatePath: Self.executablePath)
            }
            configuration.responseTimeoutSeconds = timeout
            let runner = ConformanceRunner(configuration: configuration)
            let summary: RunSummary
            do {
                try await runner.preflight(cases)
                summary = await runner.run(cases, progress: TerminalProgress())
            } catch {
                gateway?.stop(keep: true)
                FileHandle.standardError.write(Data("photogate conformance: \(error)\n".utf8))
                throw ExitCode(2)
            }
            gateway?.stop(keep: summary.failed)
            if let gateway, summary.failed {
                FileHandle.standardError.write(Data("photogate conformance: the spawned gateway's log and data are kept in \(gateway.directory)\n".utf8))
            }
            do {
                if let report {
                    try FileManager.default.createDirectory(atPath: report, withIntermediateDirectories: true)
                    let path = (report as NSString).appendingPathComponent("report.html")
                    try HTMLReport.render(summary).write(toFile: path, atomically: true, encoding: .utf8)
                    FileHandle.standardError.write(Data("HTML report: \(path)\n".utf8))
                }
                if let junit {
                    let dir = (junit as NSString).deletingLastPathComponent
                    if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
                    try JUnitReport.render(summary).write(toFile: junit, atomically: true, encoding: .utf8)
                    FileHandle.standardError.write(Data("JUnit XML: \(junit)\n".utf8))
                }
            } catch {
                FileHandle.standardError.write(Data("photogate conformance: cannot write the report: \(error)\n".utf8))
                throw ExitCode(2)
            }
            if summary.failed { throw ExitCode(1) }
        }

        /// This executable (its `wrap` and `serve` are what the runner calls).
        static var executablePath: String {
            let proc = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            if FileManager.default.isExecutableFile(atPath: proc), proc != "/proc/self/exe" { return proc }
            return Bundle.main.executablePath ?? CommandLine.arguments[0]
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List suites and cases with the clause each checks.")

        @OptionGroup var selection: Cases

        func run() throws {
            do {
                let (loader, cases) = try selection.load()
                let suites = try loader.suites()
                let listed = Set(cases.map(\.suite))
                for suite in suites where listed.contains(suite.name) || (!suite.runsByDefault && selection.suites.isEmpty) {
                    let own = cases.filter { $0.suite == suite.name }
                    var head = "\(suite.name) — \(suite.title)"
                    if !suite.runsByDefault { head += " [not run by default" + (suite.reason.map { ": \($0)" } ?? "") + "]" }
                    print(head + (own.isEmpty ? "" : " (\(own.count) cases)"))
                    for c in own {
                        print("  \(c.id.padding(toLength: 52, withPad: " ", startingAt: 0)) \(c.clause)"
                              + (c.knownIssue != nil ? "  [known issue]" : ""))
                    }
                    if own.isEmpty, !suite.runsByDefault {
                        let count = (try? loader.load(suites: [suite.name]).count) ?? 0
                        print("  (\(count) cases; run with: photogate conformance run \(suite.name) …)")
                    }
                }
                print("\(cases.count) cases")
            } catch {
                FileHandle.standardError.write(Data("photogate conformance: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
