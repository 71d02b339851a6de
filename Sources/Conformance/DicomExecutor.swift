import DICOM
import Dispatch
import Foundation
import PhotoGateCore

/// DIMSE steps (C-ECHO, C-STORE, C-FIND) through the repository's DICOM SCU. The result is
/// observed as JSON: `{"status": "0x0000", "category": "success", "matches": [{"PatientID": …}],
/// "sopInstanceUID": …}`; an association the gateway refuses is `{"error": "dicom.association-rejected", …}`.
struct DicomExecutor: Sendable {
    let endpoint: RunConfiguration.Endpoint
    let configuration: RunConfiguration

    private func client(_ target: DicomTarget, variables: Variables) throws -> DicomClient {
        let called = try variables.substitute(target.calledAETitle ?? configuration.calledAETitle)
        let calling = try variables.substitute(target.callingAETitle ?? configuration.callingAETitle)
        return DicomClient(peer: DicomPeer(host: endpoint.host, port: UInt16(endpoint.port), aeTitle: called),
                           callingAETitle: calling, connectTimeout: .seconds(configuration.connectTimeoutSeconds),
                           acseTimeout: .seconds(configuration.responseTimeoutSeconds),
                           dimseTimeout: .seconds(configuration.responseTimeoutSeconds))
    }

    private func header(_ what: String, _ client: DicomClient) -> String {
        "\(what) \(client.callingAETitle) → \(client.peer)"
    }

    func echo(_ target: DicomTarget, variables: Variables) async throws -> Observation {
        let client = try client(target, variables: variables)
        var o = Observation()
        o.request = header("C-ECHO", client)
        return try await run(&o) {
            let status = try client.echo()
            return ["status": .string(status.description), "category": .string("\(status.category)")]
        }
    }

    func store(_ step: DicomStoreStep, variables: Variables) async throws -> Observation {
        let client = try client(step.target, variables: variables)
        var o = Observation()
        var path: String
        var scratch: String?
        switch step.source {
        case .file(let file):
            path = file
            o.request = header("C-STORE", client) + "\n\nfile: \((file as NSString).lastPathComponent)"
        case .wrap(let photo, let options):
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pg-conformance-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            scratch = dir
            path = dir + "/object.dcm"
            var args = ["wrap", photo, "-o", path]
            for (k, v) in options { args += ["--" + k, try variables.substitute(v)] }
            let out = try ChildProcess.run(configuration.photogatePath, args)
            guard out.status == 0 else {
                try? FileManager.default.removeItem(atPath: dir)
                throw ConformanceError("photogate wrap failed (\(out.status)): \(out.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            o.request = header("C-STORE", client) + "\n\nphotogate " + args.map { $0.contains(" ") ? "\"\($0)\"" : $0 }
                .joined(separator: " ").replacingOccurrences(of: dir + "/", with: "")
        }
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let file = path
        return try await run(&o) {
            guard let outcome = try client.store([file]).first else { throw ConformanceError("nothing sent") }
            var result: [String: JSON] = ["sopInstanceUID": .string(outcome.sopInstanceUID)]
            if let status = outcome.status {
                result["status"] = .string(status.description)
                result["category"] = .string("\(status.category)")
            }
            if let problem = outcome.problem { result["problem"] = .string(problem) }
            return result
        }
    }

    func find(_ step: DicomFindStep, variables: Variables) async throws -> Observation {
        let client = try client(step.target, variables: variables)
        let keys = try step.keys.map { k, v in DicomAttribute(DicomKeywords.tag(k)!, try variables.substitute(v)) }
        var o = Observation()
        o.request = header("C-FIND", client) + "\n\n\(step.root == "patient" ? "Patient" : "Study") Root, level \(step.level)\n"
            + keys.map { "\(DicomKeywords.name($0.tag)) = \($0.value.isEmpty ? "(return key)" : $0.value)" }.joined(separator: "\n")
        let root: DicomQuery.Root = step.root == "patient" ? .patient : .study
        let level = DicomQuery.Level(rawValue: step.level)!
        return try await run(&o) {
            let response = try client.find(root: root, level: level, keys: keys)
            let matches = response.matches.map { match in
                JSON.object(Dictionary(match.map { (DicomKeywords.name($0.tag), JSON.string($0.value)) }, uniquingKeysWith: { a, _ in a }))
            }
            return ["status": .string(response.status.description), "category": .string("\(response.status.category)"),
                    "matches": .array(matches)]
        }
    }

    /// Runs a blocking SCU call off the concurrency pool and records its result.
    private func run(_ o: inout Observation, _ call: @escaping @Sendable () throws -> [String: JSON]) async throws -> Observation {
        let what = o.request.split(separator: "\n").first.map(String.init) ?? "DICOM"
        let result: [String: JSON]
        do {
            result = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try call() })
                }
            }
        } catch let error as DicomNetworkError where error.kind == .unreachable {
            throw ConformanceError.network(error, connecting: "DICOM \(endpoint)")
        } catch let error as DicomNetworkError {
            var r: [String: JSON] = ["error": .string(error.kind.rawValue), "message": .string(error.message)]
            if let rejection = error.rejection { r["rejection"] = .string("\(rejection)") }
            o.json = .object(r)
            o.response = "\(what) failed\n\n" + JSON.object(r).prettyText
            return o
        }
        o.json = .object(result)
        o.response = JSON.object(result).prettyText
        return o
    }
}
