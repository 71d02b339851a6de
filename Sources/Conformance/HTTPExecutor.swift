import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends a case's HTTP requests to the target and observes the answers.
struct HTTPExecutor: Sendable {
    let client: HTTPClient
    let configuration: RunConfiguration

    /// Largest response body kept (bigger ones are refused as a step error).
    static let maxBody = 64 << 20

    func token(for role: String?) throws -> String? {
        switch role ?? "default" {
        case "none": return nil
        case "invalid": return "pg_invalid-token-made-up-by-the-conformance-runner"
        case let role:
            guard let token = configuration.tokens[role] else {
                throw ConformanceError("no token for role '\(role)' (give --role-token \(role)=TOKEN)")
            }
            return token
        }
    }

    func execute(_ step: HTTPRequestStep, variables: Variables) async throws -> Observation {
        let path = try variables.substitute(step.path)
        var request = HTTPClientRequest(url: configuration.target + path)
        request.method = HTTPMethod(rawValue: step.method)
        var shownHeaders: [(String, String)] = []
        if let token = try token(for: step.role) {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            shownHeaders.append(("Authorization", "Bearer \(String(token.prefix(6)))…"))
        }
        var body: [UInt8]?
        var bodyText: String?
        var contentType: String?
        switch step.body {
        case .json(let json)?:
            let text = try variables.substitute(json).prettyText
            body = Array(text.utf8)
            bodyText = text
            contentType = "application/json"
        case .text(let text)?:
            let t = try variables.substitute(text)
            body = Array(t.utf8)
            bodyText = t
        case .file(let file, let substitute)?:
            guard let data = FileManager.default.contents(atPath: file) else { throw ConformanceError("cannot read \(file)") }
            if substitute, let text = String(data: data, encoding: .utf8) {
                let t = try variables.substitute(text)
                body = Array(t.utf8)
                bodyText = t
            } else {
                body = Array(data)
            }
        case nil: break
        }
        for (name, value) in step.headers {
            let v = try variables.substitute(value)
            request.headers.replaceOrAdd(name: name, value: v)
            shownHeaders.append((name, v))
        }
        if let contentType, !request.headers.contains(name: "Content-Type") {
            request.headers.add(name: "Content-Type", value: contentType)
            shownHeaders.append(("Content-Type", contentType))
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }

        var observation = Observation()
        observation.request = "\(step.method) \(path) HTTP/1.1\n" + shownHeaders.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
            + (body.map { "\n\n" + (bodyText.map { Transcript.clip($0) } ?? "[\($0.count) bytes]") } ?? "")

        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .seconds(configuration.responseTimeoutSeconds))
            bytes = try await response.body.collect(upTo: Self.maxBody)
        } catch {
            throw ConformanceError.network(error, connecting: "\(step.method) \(configuration.target)\(path)")
        }
        observation.status = Int(response.status.code)
        observation.headers = response.headers.map { ($0.name, $0.value) }
        let data = Data(bytes.readableBytesView)
        let type = response.headers.first(name: "Content-Type") ?? ""
        let textual = type.isEmpty || type.contains("json") || type.contains("xml") || type.hasPrefix("text/")
        observation.json = JSON(parsing: data)
        if textual, let text = String(data: data, encoding: .utf8) {
            observation.body = text
        } else {
            observation.body = "[\(data.count) bytes \(type)]"
        }
        let shownBody = observation.json.map { $0.prettyText } ?? observation.body ?? ""
        observation.response = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\n"
            + observation.headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
            + (data.isEmpty ? "" : "\n\n" + Transcript.clip(shownBody))
        return observation
    }
}

enum Transcript {
    /// Keeps reports readable: long texts are cut with a note.
    static func clip(_ text: String, limit: Int = 16_000) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "\n… (\(text.count - limit) more characters)"
    }
}
