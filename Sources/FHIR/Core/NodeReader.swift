/// Reads a model's children from a ``FHIRNode``: finds them by name, checks cardinality,
/// kinds and primitive syntax, builds nested models, and records every problem as a
/// ``FHIRIssue`` with its FHIRPath instead of stopping at the first.
///
/// Children that no read asked for are unknown: ``finish()`` keeps them (Patient, Consent)
/// or reports them (FHIR R4 json.html / xml.html: unknown elements are an error).
struct NodeReader {
    let node: FHIRNode
    let path: String
    let context: DecodingContext
    private(set) var issues: [FHIRIssue] = []
    private var consumed: [Bool]
    private var primitiveExtensions: [String: [PrimitiveExtension?]] = [:]

    init(node: FHIRNode, path: String, context: DecodingContext) {
        self.node = node
        self.path = path
        self.context = context
        consumed = Array(repeating: false, count: node.children.count)
    }

    mutating func report(_ code: IssueType, at path: String, _ message: String) {
        issues.append(FHIRIssue(code, path: path, message))
    }

    func childPath(_ name: String, index: Int? = nil) -> String {
        let base = path.isEmpty ? name : "\(path).\(name)"
        return index.map { "\(base)[\($0)]" } ?? base
    }

    // MARK: - Finding children

    /// The children called `name`, marked as read.
    private mutating func take(_ name: String) -> [FHIRNode] {
        var found: [FHIRNode] = []
        for (i, child) in node.children.enumerated() where child.name == name {
            consumed[i] = true
            found.append(child)
        }
        return found
    }

    /// The single child called `name`, reporting repeats.
    private mutating func takeOne(_ name: String) -> FHIRNode? {
        let found = take(name)
        guard let first = found.first else { return nil }
        if found.count > 1 || first.isList == true {
            report(.structure, at: childPath(name), "'\(name)' repeats, but it may appear at most once")
        }
        return first
    }

    /// The children called `name` of a repeating element, reporting a JSON non-array.
    private mutating func takeList(_ name: String) -> [FHIRNode] {
        let found = take(name)
        if found.count == 1, found[0].isList == false {
            report(.structure, at: childPath(name), "'\(name)' repeats, so in JSON it must be an array")
        }
        return found
    }

    /// The type suffix of the choice element `prefix[x]` present (`deceasedDateTime` gives
    /// `DateTime`), reporting several choices or a type not in `allowed`.
    mutating func choice(_ prefix: String, allowed: [String]) -> String? {
        var present: [String] = []
        for child in node.children where child.name.hasPrefix(prefix) && child.name.count > prefix.count {
            let suffix = String(child.name.dropFirst(prefix.count))
            guard suffix.first!.isUppercase, !present.contains(suffix) else { continue }
            present.append(suffix)
        }
        guard let first = present.first else { return nil }
        if present.count > 1 {
            report(.structure, at: childPath(prefix + "[x]"),
                   "only one of \(present.map { prefix + $0 }.joined(separator: ", ")) may be present")
        }
        for suffix in present where !allowed.contains(suffix) {
            _ = take(prefix + suffix)
            report(.structure, at: childPath(prefix + suffix),
                   "\(prefix)[x] does not take the type \(suffix) (allowed: \(allowed.joined(separator: ", ")))")
        }
        return allowed.contains(first) ? first : nil
    }

    // MARK: - Primitives

    /// The value of the single primitive `name`, checked against `type`.
    mutating func primitive(_ name: String, _ type: FHIRPrimitiveType) -> String? {
        guard let child = takeOne(name) else { return nil }
        let (value, ext) = readPrimitive(child, type, path: childPath(name))
        if let ext { primitiveExtensions[name] = [ext] }
        return value
    }

    /// The values of the repeating primitive `name`.
    mutating func primitives(_ name: String, _ type: FHIRPrimitiveType) -> [String] {
        var values: [String] = []
        var exts: [PrimitiveExtension?] = []
        for (i, child) in takeList(name).enumerated() {
            let p = childPath(name, index: i)
            let (value, ext) = readPrimitive(child, type, path: p)
            guard let value else {
                if child.value == nil {
                    report(.notSupported, at: p, "a repeating primitive without a value is not supported")
                }
                continue
            }
            values.append(value)
            exts.append(ext)
        }
        if exts.contains(where: { $0 != nil }) { primitiveExtensions[name] = exts }
        return values
    }

    private mutating func readPrimitive(_ child: FHIRNode, _ type: FHIRPrimitiveType, path p: String)
        -> (String?, PrimitiveExtension?) {
        var form = FHIRNode.PrimitiveForm.text
        switch child.kind {
        case .primitive(let f): form = f
        case .element where child.children.allSatisfy({ $0.name == "extension" }) && child.value == nil:
            break  // XML primitive with extensions but no value attribute
        default:
            report(.structure, at: p, "expected a primitive value (\(type.rawValue))")
            return (nil, nil)
        }
        var ext: PrimitiveExtension?
        if child.id != nil || !child.children.isEmpty {
            var sub = NodeReader(node: child, path: p, context: DecodingContext(preserveUnknown: false))
            if let id = child.id, let problem = FHIRPrimitiveType.string.problem(with: id) {
                sub.report(.value, at: p + ".id", problem)
            }
            let extensions: [Extension] = sub.elements("extension")
            _ = sub.finish()
            issues += sub.issues
            ext = PrimitiveExtension(id: child.id, extension: extensions)
        }
        guard let value = child.value else {
            if ext == nil { report(.structure, at: p, "a primitive needs a value or extensions") }
            return (nil, ext)
        }
        if form != .text, form != type.jsonForm {
            let expected = type.jsonForm == .string ? "a JSON string" : type.jsonForm == .number ? "a JSON number" : "true or false"
            report(.structure, at: p, "\(type.rawValue) must be written as \(expected)")
            return (nil, ext)
        }
        if let problem = type.problem(with: value) {
            report(.value, at: p, problem)
            return (nil, ext)
        }
        return (value, ext)
    }

    mutating func bool(_ name: String) -> Bool? {
        primitive(name, .boolean).map { $0 == "true" }
    }

    mutating func int(_ name: String, _ type: FHIRPrimitiveType = .integer) -> Int? {
        primitive(name, type).flatMap { Int($0.hasPrefix("+") ? String($0.dropFirst()) : $0) }
    }

    mutating func decimal(_ name: String) -> FHIRDecimal? {
        primitive(name, .decimal).flatMap(FHIRDecimal.init)
    }

    mutating func code<C: FHIRCode>(_ name: String, _ type: C.Type) -> C? {
        guard let text = primitive(name, .code) else { return nil }
        guard let code = C(rawValue: text) else {
            report(.value, at: childPath(name), "'\(text)' is not in \(C.valueSet) (\(C.allowedCodes))")
            return nil
        }
        return code
    }

    mutating func codes<C: FHIRCode>(_ name: String, _ type: C.Type) -> [C] {
        primitives(name, .code).enumerated().compactMap { i, text in
            guard let code = C(rawValue: text) else {
                report(.value, at: childPath(name, index: i), "'\(text)' is not in \(C.valueSet) (\(C.allowedCodes))")
                return nil
            }
            return code
        }
    }

    // MARK: - Complex elements and resources

    mutating func element<T: FHIRElementModel>(_ name: String) -> T? {
        guard let child = takeOne(name) else { return nil }
        return decode(child, path: childPath(name))
    }

    mutating func elements<T: FHIRElementModel>(_ name: String) -> [T] {
        takeList(name).enumerated().compactMap { i, child in decode(child, path: childPath(name, index: i)) }
    }

    private mutating func decode<T: FHIRElementModel>(_ child: FHIRNode, path p: String) -> T? {
        guard child.kind == .element, !child.children.contains(where: { $0.kind == .resource }) else {
            report(.structure, at: p, "expected an element with children, not \(child.isPrimitive ? "a primitive value" : "a resource")")
            return nil
        }
        var sub = NodeReader(node: child, path: p, context: context)
        let value = try? T(from: &sub)
        issues += sub.issues
        return value
    }

    /// The resource inside the single element `name` (`Bundle.entry.resource`).
    mutating func resource(_ name: String) -> FHIRResource? {
        guard let child = takeOne(name) else { return nil }
        return decodeResource(child, path: childPath(name)).resource
    }

    /// The resources inside the repeating element `name` (`contained`). With
    /// `keepUnsupported`, one of a type the gateway does not model is kept as an unknown element.
    mutating func resources(_ name: String, keepUnsupported: Bool = false) -> [FHIRResource] {
        var result: [FHIRResource] = []
        for (i, child) in takeList(name).enumerated() {
            let (resource, unsupported) = decodeResource(child, path: childPath(name, index: i), quiet: keepUnsupported)
            if let resource { result.append(resource) }
            if unsupported, keepUnsupported { unknown.append(child) }
        }
        return result
    }

    private var unknown: [FHIRNode] = []

    private mutating func decodeResource(_ child: FHIRNode, path p: String, quiet: Bool = false)
        -> (resource: FHIRResource?, unsupported: Bool) {
        guard child.kind == .element, child.children.count == 1, child.children[0].kind == .resource else {
            report(.structure, at: p, "expected exactly one resource")
            return (nil, false)
        }
        let inner = child.children[0]
        guard FHIRResource.supportedTypes.contains(inner.name) else {
            if !quiet { report(.notSupported, at: p, "resource type '\(inner.name)' is not supported") }
            return (nil, true)
        }
        let (resource, found) = FHIRResource.decode(node: inner, path: inner.name)
        issues += found.map { issue in
            var issue = issue
            issue.path = issue.path.isEmpty ? p : "\(p).ofType(\(inner.name))" + issue.path.dropFirst(inner.name.count)
            return issue
        }
        return (resource, false)
    }

    /// The single child `name` as it is, for content kept without a model.
    mutating func raw(_ name: String) -> FHIRNode? {
        guard var child = takeOne(name) else { return nil }
        child.isList = false
        return child
    }

    /// The narrative `div` (FHIR R4 narrative.html), checked and in canonical form. In JSON it
    /// is a string; in XML an XHTML element.
    mutating func xhtml(_ name: String) -> String? {
        guard let child = takeOne(name) else { return nil }
        let p = childPath(name)
        guard let text = child.value,
              child.kind == .xhtml || child.kind == .primitive(.string) || child.kind == .primitive(.text) else {
            report(.structure, at: p, "expected XHTML text")
            return nil
        }
        switch XHTMLNarrative.canonical(text) {
        case .success(let canonical): return canonical
        case .failure(let problem):
            report(.value, at: p, problem)
            return nil
        }
    }

    // MARK: - Required parts and the end

    /// `value`, or a recorded `required` issue and ``DecodeAbort``.
    mutating func required<T>(_ value: T?, _ name: String) throws -> T {
        if let value { return value }
        if !issues.contains(where: { $0.path.hasPrefix(childPath(name)) }) {
            report(.required, at: childPath(name), "'\(name)' is required")
        }
        throw DecodeAbort()
    }

    /// Records a `required` issue when a repeating element with minimum cardinality 1 is empty.
    mutating func requireNonEmpty<T>(_ values: [T], _ name: String) {
        if values.isEmpty, !issues.contains(where: { $0.path.hasPrefix(childPath(name)) }) {
            report(.required, at: childPath(name), "at least one '\(name)' is required")
        }
    }

    /// Checks the element's own `id` attribute (FHIR R4 Element.id: a string).
    mutating func elementID() -> String? {
        guard let id = node.id else { return nil }
        if let problem = FHIRPrimitiveType.string.problem(with: id) {
            report(.value, at: childPath("id"), problem)
            return nil
        }
        return id
    }

    /// What was not read: kept when the context preserves unknown elements, reported otherwise.
    /// Also checks that the element is not empty (FHIR R4 ele-1).
    mutating func finish() -> PreservedContent {
        var kept = unknown
        for (i, child) in node.children.enumerated() where !consumed[i] {
            if context.preserveUnknown {
                kept.append(child)
            } else {
                report(.structure, at: childPath(child.name), "unknown element '\(child.name)'")
            }
        }
        if node.children.isEmpty && node.kind == .element {
            report(.structure, at: path, "an element must have a value or children (ele-1)")
        }
        return PreservedContent(primitiveExtensions: primitiveExtensions, unknownElements: kept)
    }
}
