import Foundation
import HL7
import Yams

/// Reads suites and cases from the conformance root (`conformance/`): one folder per suite,
/// one folder per case holding `case.yaml`. Every problem names the file and line.
public struct CaseLoader: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The suite folders (those starting with `_` or `.` hold shared files, not cases).
    public func suites() throws -> [Suite] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw CaseLoadError(file: root, line: 0, message: "not a directory (the conformance root; see --cases)")
        }
        return try Self.subdirectories(root).map { name in
            let file = root + "/" + name + "/suite.yaml"
            guard FileManager.default.fileExists(atPath: file) else {
                return Suite(name: name, title: name, runsByDefault: true, reason: nil)
            }
            let map = try YAMLMap(file: file, node: try Self.compose(file))
            try map.allowOnly(["title", "default", "reason"])
            return Suite(name: name, title: try map.string("title") ?? name, runsByDefault: try map.bool("default") ?? true,
                         reason: try map.string("reason"))
        }
    }

    /// The cases of the named suites (or of every default suite when `names` is empty), sorted by id.
    public func load(suites names: [String] = []) throws -> [ConformanceCase] {
        let all = try suites()
        let chosen: [Suite]
        if names.isEmpty {
            chosen = all.filter(\.runsByDefault)
        } else {
            chosen = try names.map { name in
                guard let suite = all.first(where: { $0.name == name }) else {
                    throw CaseLoadError(file: root, line: 0, message: "no suite '\(name)' (suites: \(all.map(\.name).joined(separator: ", ")))")
                }
                return suite
            }
        }
        var cases: [ConformanceCase] = []
        for suite in chosen {
            for folder in try Self.subdirectories(root + "/" + suite.name) {
                let file = "\(root)/\(suite.name)/\(folder)/case.yaml"
                guard FileManager.default.fileExists(atPath: file) else { continue }
                cases.append(try loadCase(file: file, suite: suite.name, folder: folder))
            }
        }
        return cases
    }

    /// Reads one `case.yaml`.
    public func loadCase(file: String, suite: String, folder: String) throws -> ConformanceCase {
        let directory = (file as NSString).deletingLastPathComponent
        let map = try YAMLMap(file: file, node: try Self.compose(file))
        try map.allowOnly(["title", "clause", "description", "tags", "known-issue", "steps"])
        guard let stepNodes = map["steps"]?.sequence, !stepNodes.isEmpty else {
            throw CaseLoadError(file: file, line: map.line, message: "a case needs 'steps:' (a list of at least one step)")
        }
        let steps = try stepNodes.enumerated().map { index, node in
            try StepParser(file: file, directory: directory, root: root).step(node, index: index)
        }
        return ConformanceCase(
            id: "\(suite)/\(folder)", suite: suite, directory: directory, file: file,
            title: try map.requiredString("title"), clause: try map.requiredString("clause"),
            description: try map.string("description"), tags: try map.strings("tags"),
            knownIssue: try map.string("known-issue"), steps: steps)
    }

    static func compose(_ file: String) throws -> Node {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CaseLoadError(file: file, line: 0, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CaseLoadError(file: file, line: 0, message: "is not UTF-8")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw CaseLoadError(file: file, line: 0, message: "is empty")
            }
            return node
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw CaseLoadError(file: file, line: mark.line, message: "YAML: \(problem)")
            default:
                throw CaseLoadError(file: file, line: 0, message: "YAML: \(error)")
            }
        }
    }

    static func subdirectories(_ path: String) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && !name.hasPrefix("_")
                && FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDir) && isDir.boolValue
        }.sorted()
    }
}
