import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Runs cases against a gateway over its wire protocols, one case at a time, steps in order.
/// A step that fails stops its case (later steps depend on it); the run goes on.
public struct ConformanceRunner: Sendable {
    public let configuration: RunConfiguration

    public init(configuration: RunConfiguration) {
        self.configuration = configuration
    }

    /// Checks that the interfaces the cases need answer at all, quickly: a gateway that is
    /// down is one clear error, not a run of timeouts.
    public func preflight(_ cases: [ConformanceCase]) async throws {
        let needs = cases.reduce(into: Set<ConformanceCase.Interface>()) { $0.formUnion($1.interfaces) }
        guard let url = URL(string: configuration.target), let host = url.host else {
            throw ConformanceError("--target '\(configuration.target)' is not an http://HOST:PORT URL")
        }
        var checks: [(String, RunConfiguration.Endpoint)] = []
        if needs.contains(.http) { checks.append(("HTTP \(configuration.target)", .init(host: host, port: url.port ?? 80))) }
        if needs.contains(.mllp), let m = configuration.mllp { checks.append(("MLLP \(m)", m)) }
        if needs.contains(.dicom), let d = configuration.dicom { checks.append(("DICOM \(d)", d)) }
        for (what, endpoint) in checks {
            try await Self.probe(endpoint, what: what, seconds: configuration.connectTimeoutSeconds)
        }
    }

    /// Opens and closes a TCP connection.
    static func probe(_ endpoint: RunConfiguration.Endpoint, what: String, seconds: Int64) async throws {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(seconds))
                .connect(host: endpoint.host, port: endpoint.port).get()
            try? await channel.close()
        } catch {
            throw ConformanceError.network(error, connecting: "cannot reach the gateway (\(what))")
        }
    }

    /// Runs the cases; `progress` hears of each one as it starts and ends.
    public func run(_ cases: [ConformanceCase], progress: (any ProgressSink)? = nil) async -> RunSummary {
        let started = Date()
        let runID = String(UUID().uuidString.prefix(8)).lowercased()
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            timeout: .init(connect: .seconds(configuration.connectTimeoutSeconds), read: .seconds(configuration.responseTimeoutSeconds))))
        var results: [CaseResult] = []
        progress?.started(total: cases.count)
        for (index, testCase) in cases.enumerated() {
            progress?.caseStarted(testCase, index: index)
            let result = await CaseExecution(testCase: testCase, configuration: configuration, http: HTTPExecutor(client: client, configuration: configuration),
                                             runID: runID).run()
            results.append(result)
            progress?.caseFinished(result, index: index)
        }
        try? await client.shutdown()
        let summary = RunSummary(results: results, target: configuration.target, startedAt: started,
                                 seconds: Date().timeIntervalSince(started))
        progress?.finished(summary)
        return summary
    }
}

/// What a progress display is told.
public protocol ProgressSink: Sendable {
    func started(total: Int)
    func caseStarted(_ testCase: ConformanceCase, index: Int)
    func caseFinished(_ result: CaseResult, index: Int)
    func finished(_ summary: RunSummary)
}
