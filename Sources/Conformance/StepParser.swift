import Foundation
import HL7
import Yams

/// Parses the steps of a `case.yaml` (schema: docs/conformance.md).
struct StepParser {
    let file: String
    let directory: String
    let root: String

    static let actions = ["http", "hl7", "dicom-echo", "dicom-store", "dicom-find", "events"]

    func step(_ node: Node, index: Int) throws -> CaseStep {
        let map = try YAMLMap(file: file, node: node)
        try map.allowOnly(Set(Self.actions + ["name", "expect", "capture"]))
        let present = Self.actions.filter { map[$0] != nil }
        guard present.count == 1, let kind = present.first, let body = map[kind] else {
            throw map.error("a step needs exactly one of: \(Self.actions.joined(separator: ", "))" +
                            (present.count > 1 ? " (found \(present.joined(separator: ", ")))" : ""))
        }
        let action: StepAction
        switch kind {
        case "http": action = .http(try http(body))
        case "hl7": action = .hl7(try hl7(body))
        case "dicom-echo": action = .dicomEcho(try target(body, allowing: []))
        case "dicom-store": action = .dicomStore(try dicomStore(body))
        case "dicom-find": action = .dicomFind(try dicomFind(body))
        default:
            switch body.scalar?.string {
            case "mark": action = .eventsMark
            case "since-mark": action = .eventsSinceMark
            default: throw map.error("'events' is 'mark' or 'since-mark'", at: body)
            }
        }
        let expectations = try (map["expect"]?.sequence ?? []).map { try expectation($0) }
        if let e = map["expect"], e.sequence == nil { throw map.error("'expect' must be a list", at: e) }
        var captures: [Capture] = []
        if let c = map["capture"] {
            let cmap = try YAMLMap(file: file, node: c)
            for (name, spec) in cmap.entries {
                let smap = try YAMLMap(file: file, node: spec)
                try smap.allowOnly(Set(Subject.keys + ["regex", "ack"]))
                captures.append(Capture(name: name, subject: try subject(smap, capture: true),
                                        regex: try smap.string("regex"), line: spec.mark?.line ?? 0))
            }
        }
        let name = try map.string("name") ?? "\(kind) #\(index + 1)"
        return CaseStep(name: name, line: map.line, action: action, expectations: expectations, captures: captures)
    }

    // MARK: actions

    private func http(_ node: Node) throws -> HTTPRequestStep {
        if let line = node.scalar?.string {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CaseLoadError(file: file, line: node.mark?.line ?? 0, message: "'http' shorthand is 'METHOD /path'") }
            return HTTPRequestStep(method: parts[0].uppercased(), path: parts[1], role: nil, headers: [], body: nil)
        }
        let map = try YAMLMap(file: file, node: node)
        try map.allowOnly(["method", "path", "as", "headers", "json", "text", "file"])
        let bodies = ["json", "text", "file"].filter { map[$0] != nil }
        guard bodies.count <= 1 else { throw map.error("an HTTP request has one body: json, text or file") }
        var body: HTTPRequestStep.Body?
        if let j = map["json"] { body = .json(JSON(yaml: j)) }
        if let t = try map.string("text") { body = .text(t) }
        if let f = try map.string("file") {
            let path = try resolve(f, at: map["file"]!)
            let textual = ["json", "xml", "hl7", "txt"].contains((path as NSString).pathExtension.lowercased())
            body = .file(path: path, substitute: textual)
        }
        let path = try map.requiredString("path")
        guard path.hasPrefix("/") else { throw map.error("'path' starts with '/' (it is appended to --target)", at: map["path"]) }
        return HTTPRequestStep(method: (try map.string("method") ?? "GET").uppercased(), path: path,
                               role: try map.string("as"), headers: try map.pairs("headers"), body: body)
    }

    private func hl7(_ node: Node) throws -> HL7Step {
        var acks = 1
        var text: String
        var source: String
        if let name = node.scalar?.string {
            source = name
            text = try read(try resolve(name, at: node), at: node)
        } else {
            let map = try YAMLMap(file: file, node: node)
            try map.allowOnly(["file", "message", "acks"])
            acks = try map.int("acks") ?? 1
            if let name = try map.string("file") {
                source = name
                text = try read(try resolve(name, at: map["file"]!), at: map["file"]!)
            } else if let inline = try map.string("message") {
                source = "inline"
                text = inline
            } else {
                throw map.error("'hl7' needs 'file' or 'message'")
            }
        }
        // Files are edited with ordinary line ends; HL7 separates segments with CR (§2.5.1).
        text = text.replacingOccurrences(of: "\r\n", with: "\r").replacingOccurrences(of: "\n", with: "\r")
        while text.hasSuffix("\r\r") { text.removeLast() }
        if !text.hasSuffix("\r") { text += "\r" }
        return HL7Step(message: text, acks: acks, source: source)
    }

    private func target(_ node: Node, allowing extra: Set<String>) throws -> DicomTarget {
        if node.scalar != nil, node.scalar?.string.isEmpty ?? true { return DicomTarget() }
        let map = try YAMLMap(file: file, node: node)
        try map.allowOnly(extra.union(["called-ae", "calling-ae"]))
        return DicomTarget(calledAETitle: try map.string("called-ae"), callingAETitle: try map.string("calling-ae"))
    }

    private func dicomStore(_ node: Node) throws -> DicomStoreStep {
        let map = try YAMLMap(file: file, node: node)
        let target = try target(node, allowing: ["file", "wrap"])
        if let f = try map.string("file") {
            return DicomStoreStep(source: .file(try resolve(f, at: map["file"]!)), target: target)
        }
        guard let w = map["wrap"] else { throw map.error("'dicom-store' needs 'file' (a DICOM file) or 'wrap' (a photo and wrap options)") }
        var options = try YAMLMap(file: file, node: w).entries.map { k, v -> (String, String) in
            guard let s = v.scalar?.string else { throw map.error("'wrap.\(k)' must be a text value", at: v) }
            return (k, s)
        }
        guard let photoIndex = options.firstIndex(where: { $0.0 == "photo" }) else { throw map.error("'wrap' needs 'photo'", at: w) }
        let photo = try resolve(options.remove(at: photoIndex).1, at: w)
        return DicomStoreStep(source: .wrap(photo: photo, options: options), target: target)
    }

    private func dicomFind(_ node: Node) throws -> DicomFindStep {
        let map = try YAMLMap(file: file, node: node)
        let target = try target(node, allowing: ["root", "level", "keys"])
        let root = try map.string("root") ?? "study"
        guard ["study", "patient"].contains(root) else { throw map.error("'root' is study or patient", at: map["root"]) }
        let level = (try map.string("level") ?? "STUDY").uppercased()
        guard ["PATIENT", "STUDY", "SERIES", "IMAGE"].contains(level) else {
            throw map.error("'level' is PATIENT, STUDY, SERIES or IMAGE", at: map["level"])
        }
        let keys = try map.pairs("keys")
        for (k, _) in keys where DicomKeywords.tag(k) == nil {
            throw map.error("unknown DICOM keyword '\(k)' (use a keyword like PatientID or a tag like 00100020)", at: map["keys"])
        }
        return DicomFindStep(root: root, level: level, keys: keys, target: target)
    }

    // MARK: expectations

    private func expectation(_ node: Node) throws -> Expectation {
        let map = try YAMLMap(file: file, node: node)
        let ops = Expectation.Operator.allCases.map(\.rawValue)
        try map.allowOnly(Set(Subject.keys + ops + ["ack"]))
        let subject = try subject(map, capture: false)
        let given = ops.filter { map[$0] != nil }
        guard given.count <= 1 else { throw map.error("one operator per expectation (found \(given.joined(separator: ", ")))") }
        if let op = given.first {
            return Expectation(subject: subject, op: Expectation.Operator(rawValue: op)!, expected: JSON(yaml: map[op]!), line: map.line)
        }
        // Shorthand `status: 201`, `acks: 2`: equality with the subject key's value.
        switch subject {
        case .status, .ackCount:
            let key = map.keys.first { $0 == "status" || $0 == "acks" }!
            return Expectation(subject: subject, op: .equals, expected: JSON(yaml: map[key]!), line: map.line)
        default:
            throw map.error("an operator is needed: \(ops.joined(separator: ", "))")
        }
    }

    private func subject(_ map: YAMLMap, capture: Bool) throws -> Subject {
        let keys = Subject.keys.filter { map[$0] != nil }
        guard keys.count == 1, let key = keys.first else {
            throw map.error("name one thing to look at: \(Subject.keys.joined(separator: ", "))")
        }
        let value = map[key]!
        let text = value.scalar?.string ?? ""
        switch key {
        case "status": return .status
        case "acks": return .ackCount
        case "body": return .body
        case "header": return .header(text)
        case "json":
            do { return .json(try JSONPointer(text)) } catch { throw map.error("\(error)", at: value) }
        case "path":
            do { return .path(try PathExpression(text)) } catch { throw map.error("\(error)", at: value) }
        default:
            let ack = try map.int("ack") ?? 1
            do { return .hl7(ack: ack, path: try HL7Path(text)) } catch { throw map.error("\(error)", at: value) }
        }
    }

    // MARK: files

    /// A path relative to the case folder, or to the conformance root when it starts with `/`.
    private func resolve(_ name: String, at node: Node) throws -> String {
        let path = name.hasPrefix("/") ? root + name : directory + "/" + name
        guard FileManager.default.fileExists(atPath: path) else {
            throw CaseLoadError(file: file, line: node.mark?.line ?? 0, message: "file '\(name)' not found (looked for \(path))")
        }
        return path
    }

    private func read(_ path: String, at node: Node) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CaseLoadError(file: file, line: node.mark?.line ?? 0, message: "'\(path)' is not readable UTF-8 text")
        }
        return text
    }
}
