import Foundation

/// One case run: its steps in order with the variables they capture.
struct CaseExecution {
    let testCase: ConformanceCase
    let configuration: RunConfiguration
    let http: HTTPExecutor
    let runID: String

    /// Why the case cannot run with this configuration, if it cannot.
    func skipReason() -> String? {
        let missing = testCase.roles.filter { configuration.tokens[$0] == nil }.sorted()
        if !missing.isEmpty { return "needs a token for role \(missing.joined(separator: ", ")) (--role-token ROLE=TOKEN)" }
        if testCase.interfaces.contains(.mllp), configuration.mllp == nil { return "needs the MLLP listener (--mllp HOST:PORT)" }
        if testCase.interfaces.contains(.dicom), configuration.dicom == nil { return "needs the DICOM listener (--dicom HOST:PORT)" }
        if configuration.tokens["default"] == nil,
           testCase.steps.contains(where: { step in
               if case .http(let h) = step.action { return h.role == nil || h.role == "default" }
               if case .eventsMark = step.action { return true }
               if case .eventsSinceMark = step.action { return true }
               return false
           }) {
            return "needs --token"
        }
        return nil
    }

    func run() async -> CaseResult {
        let started = Date()
        if let reason = skipReason() {
            return CaseResult(testCase: testCase, outcome: .skipped, steps: [], message: reason, seconds: 0)
        }
        var variables = Variables(runID: runID)
        var steps: [StepResult] = []
        var outcome = CaseOutcome.passed
        var message: String?
        for step in testCase.steps {
            let t0 = Date()
            var observation = Observation()
            var error: String?
            var assertions: [AssertionResult] = []
            do {
                observation = try await execute(step.action, variables: &variables)
                for expectation in step.expectations {
                    assertions.append(check(expectation, observation, variables))
                }
                if case .object(let o)? = observation.json, let kind = o["error"], step.action.interface == .dicom,
                   !step.expectations.contains(where: { "\($0.subject)".contains("error") }) {
                    error = "DICOM: \(kind.display): \(o["message"]?.display ?? "")"
                }
                if error == nil, assertions.allSatisfy(\.passed) {
                    for capture in step.captures {
                        let resolved = Capture(name: capture.name, subject: try capture.subject.substituting(variables),
                                               regex: capture.regex, line: capture.line)
                        switch resolved.value(in: observation) {
                        case .success(let value): variables[capture.name] = value
                        case .failure(let e): error = e.description
                        }
                        if error != nil { break }
                    }
                }
            } catch {
                observation.response = observation.response.isEmpty ? "(no answer)" : observation.response
                steps.append(StepResult(name: step.name, line: step.line, observation: observation, assertions: [],
                                        error: "\(error)", seconds: Date().timeIntervalSince(t0)))
                outcome = .error
                message = "step '\(step.name)': \(error)"
                break
            }
            let result = StepResult(name: step.name, line: step.line, observation: observation, assertions: assertions,
                                    error: error, seconds: Date().timeIntervalSince(t0))
            steps.append(result)
            if !result.passed {
                outcome = error != nil && assertions.allSatisfy(\.passed) ? .error : .failed
                if let failed = assertions.first(where: { !$0.passed }) {
                    message = "step '\(step.name)' (line \(failed.expectation.line)): expected \(failed.expectation.summary), got \(Self.oneLine(failed.actual))"
                } else {
                    message = "step '\(step.name)': \(error ?? "failed")"
                }
                break
            }
        }
        if outcome == .failed, testCase.knownIssue != nil { outcome = .knownIssue }
        return CaseResult(testCase: testCase, outcome: outcome, steps: steps, message: message,
                          seconds: Date().timeIntervalSince(started))
    }

    private func check(_ expectation: Expectation, _ observation: Observation, _ variables: Variables) -> AssertionResult {
        do {
            let expected = try variables.substitute(expectation.expected)
            return Expectation(subject: try expectation.subject.substituting(variables), op: expectation.op, expected: expected, line: expectation.line).check(observation)
        } catch {
            return AssertionResult(expectation: expectation, passed: false, actual: "(\(error))", diff: nil)
        }
    }

    static func oneLine(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 160 ? String(flat.prefix(160)) + "…" : flat
    }

    private func execute(_ action: StepAction, variables: inout Variables) async throws -> Observation {
        switch action {
        case .http(let step):
            return try await http.execute(step, variables: variables)
        case .hl7(let step):
            let mllp = MLLPExecutor(endpoint: configuration.mllp!, connectTimeoutSeconds: configuration.connectTimeoutSeconds,
                                    responseTimeoutSeconds: configuration.responseTimeoutSeconds)
            return try await mllp.execute(step, variables: variables)
        case .dicomEcho(let target):
            return try await DicomExecutor(endpoint: configuration.dicom!, configuration: configuration).echo(target, variables: variables)
        case .dicomStore(let step):
            return try await DicomExecutor(endpoint: configuration.dicom!, configuration: configuration).store(step, variables: variables)
        case .dicomFind(let step):
            return try await DicomExecutor(endpoint: configuration.dicom!, configuration: configuration).find(step, variables: variables)
        case .eventsMark:
            let (events, cursor) = try await EventReader(http: http).read(after: 0, keep: false)
            _ = events
            variables["eventsMark"] = String(cursor)
            var o = Observation()
            o.request = "GET /api/events (paged to the end)"
            o.response = "event stream ends at seq \(cursor)"
            o.json = .object(["cursor": .number(Double(cursor))])
            return o
        case .eventsSinceMark:
            guard let mark = variables["eventsMark"].flatMap(Int64.init) else {
                throw ConformanceError("'events: since-mark' needs an earlier 'events: mark' step")
            }
            let (events, cursor) = try await EventReader(http: http).read(after: mark, keep: true)
            var o = Observation()
            o.request = "GET /api/events?after=\(mark) (paged to the end)"
            o.json = .object(["events": .array(events), "next": .number(Double(cursor))])
            o.response = Transcript.clip(o.json!.prettyText)
            return o
        }
    }
}

/// Pages through `GET /api/events` from a cursor to the end.
struct EventReader {
    let http: HTTPExecutor

    func read(after start: Int64, keep: Bool) async throws -> ([JSON], Int64) {
        var cursor = start
        var events: [JSON] = []
        while true {
            let step = HTTPRequestStep(method: "GET", path: "/api/events?after=\(cursor)&limit=1000", role: nil, headers: [], body: nil)
            let o = try await http.execute(step, variables: Variables(runID: ""))
            guard o.status == 200, case .array(let page)? = o.json?["events"], let next = o.json?["next"]?.stringValue.flatMap(Int64.init) else {
                throw ConformanceError("GET /api/events answered \(o.status.map(String.init) ?? "?"): \(CaseExecution.oneLine(o.body ?? ""))")
            }
            if keep { events += page }
            if page.isEmpty || next == cursor { return (events, cursor) }
            cursor = next
        }
    }
}
