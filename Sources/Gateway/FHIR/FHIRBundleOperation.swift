import FHIR
import Foundation

/// One entry of a transaction or batch Bundle, read from its `request` (FHIR R4 bundle.html,
/// Bundle.entry.request; http.html#transaction).
struct FHIRBundleOperation: Sendable {
    enum Action: Sendable {
        case create(type: String, resource: FHIRResource, ifNoneExist: String?)
        case update(type: String, id: String, resource: FHIRResource, ifMatch: Int?)
        case conditionalUpdate(type: String, query: [(String, String)], resource: FHIRResource, ifMatch: Int?)
        case delete(type: String, id: String)
        case read(type: String, id: String)
    }

    var index: Int
    var fullUrl: String?
    var action: Action

    var type: String {
        switch action {
        case .create(let t, _, _), .update(let t, _, _, _), .conditionalUpdate(let t, _, _, _), .delete(let t, _), .read(let t, _): t
        }
    }

    var resource: FHIRResource? {
        switch action {
        case .create(_, let r, _), .update(_, _, let r, _), .conditionalUpdate(_, _, let r, _): r
        case .delete, .read: nil
        }
    }

    /// The resource types a Bundle entry may write.
    static let writableTypes = ["Patient", "Consent", "Media", "Binary"]

    /// A failure of one entry: the entry's index and what went wrong.
    struct EntryFailure: Error {
        var index: Int
        var failure: FHIRFailure
        /// What was thrown, for the log when it was unexpected (the answer says "internal error").
        var cause: any Error

        init(_ index: Int, _ error: any Error) {
            self.index = index
            failure = FHIRFailure.from(error)
            cause = error
        }

        /// The failure as the whole request's answer, naming the entry.
        var asRequestFailure: FHIRFailure {
            var f = failure
            f.outcome.issue = f.outcome.issue.map { issue in
                var issue = issue
                issue.diagnostics = "Bundle.entry[\(index)]: " + (issue.diagnostics ?? "failed")
                issue.expression = issue.expression.isEmpty ? ["Bundle.entry[\(index)]"] : issue.expression
                return issue
            }
            return f
        }
    }

    /// Reads entry `index`. `allowRead`: GET entries (batch only).
    static func read(_ entry: FHIR.Bundle.Entry, index: Int, allowRead: Bool) throws -> FHIRBundleOperation {
        guard let request = entry.request else {
            throw FHIRFailure(400, .required, "the entry has no request (method and url)", expression: ["Bundle.entry[\(index)].request"])
        }
        let url = request.url
        var path = url, query: [(String, String)] = []
        if let mark = url.firstIndex(of: "?") {
            path = String(url[..<mark])
            query = FHIRServer.parseQuery(String(url[url.index(after: mark)...]))
        }
        if path.hasPrefix("http"), let range = path.range(of: "/fhir/") { path = String(path[range.upperBound...]) }  // this server's base
        let segments = path.split(separator: "/").map(String.init)
        guard let type = segments.first else { throw FHIRFailure(400, .invalid, "request.url '\(request.url)' names no resource type") }
        func resource() throws -> FHIRResource {
            guard let r = entry.resource else {
                throw FHIRFailure(400, .required, "a \(request.method.rawValue) entry needs a resource", expression: ["Bundle.entry[\(index)].resource"])
            }
            guard r.resourceType == type else {
                throw FHIRFailure(400, .invalid, "the entry's resource is a \(r.resourceType), its request.url names \(type)")
            }
            return r
        }
        let ifMatch = try request.ifMatch.map { raw -> Int in
            var text = raw.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("W/") { text.removeFirst(2) }
            guard let n = Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "\""))), n > 0 else {
                throw FHIRFailure(400, .invalid, "ifMatch '\(raw)' is not a version ETag such as W/\"1\"")
            }
            return n
        }
        let action: Action
        switch (request.method, segments.count, query.isEmpty) {
        case (.post, 1, true):
            guard writableTypes.contains(type) else { throw notSupported(type, "create") }
            action = .create(type: type, resource: try resource(), ifNoneExist: request.ifNoneExist)
        case (.put, 2, true):
            guard ["Patient", "Consent"].contains(type) else { throw notSupported(type, "update") }
            action = .update(type: type, id: segments[1], resource: try resource(), ifMatch: ifMatch)
        case (.put, 1, false):
            guard type == "Patient" else { throw notSupported(type, "conditional update") }
            action = .conditionalUpdate(type: type, query: query.filter { !FHIRSearchParameter.control.contains($0.0) },
                                        resource: try resource(), ifMatch: ifMatch)
        case (.delete, 2, true):
            guard type == "Consent" else { throw notSupported(type, "delete") }
            action = .delete(type: type, id: segments[1])
        case (.get, 2, true) where allowRead:
            guard ["Patient", "Consent", "Media"].contains(type) else { throw notSupported(type, "read") }
            action = .read(type: type, id: segments[1])
        default:
            throw FHIRFailure(400, .notSupported, "\(request.method.rawValue) \(request.url) is not supported in a "
                + (allowRead ? "batch" : "transaction") + " (create, update, conditional update of Patient, delete of Consent"
                + (allowRead ? ", read" : "") + ")")
        }
        return FHIRBundleOperation(index: index, fullUrl: entry.fullUrl, action: action)
    }

    static func notSupported(_ type: String, _ interaction: String) -> FHIRFailure {
        FHIRFailure(405, .notSupported, "\(interaction) of \(type) is not supported")
    }
}
