/// Maps parsed JSON to the element tree (FHIR R4 json.html):
/// - an object with `resourceType` is a resource; elsewhere `resourceType` is an error;
/// - a resource's `id` is a child element, an element's `id` its id attribute, and an
///   extension's `url` its url attribute;
/// - strings, numbers and booleans are primitives; `_name` carries the id and extensions of
///   the primitive `name` (an object, or an array aligned with `name`'s array, `null` where
///   a value has none);
/// - arrays are repeating elements; `null` is allowed only inside such aligned arrays, and
///   empty objects, arrays and strings are errors.
struct FHIRJSONReader {
    private(set) var issues: [FHIRIssue] = []

    /// The resource node for a top-level object.
    mutating func resource(_ members: [(key: String, value: JSONTree)], path: String) -> FHIRNode? {
        guard let typeMember = members.first(where: { $0.key == "resourceType" }) else {
            issues.append(FHIRIssue(.structure, path: path, "the resource has no resourceType"))
            return nil
        }
        guard case .string(let type) = typeMember.value, !type.isEmpty, type.first!.isUppercase,
              type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            issues.append(FHIRIssue(.structure, path: path, "resourceType must be a resource type name"))
            return nil
        }
        let p = path.isEmpty ? type : path
        return FHIRNode(name: type, kind: .resource,
                        children: children(of: members.filter { $0.key != "resourceType" }, path: p))
    }

    private mutating func children(of members: [(key: String, value: JSONTree)], path: String) -> [FHIRNode] {
        var nodes: [FHIRNode] = []
        var underscored: [(name: String, value: JSONTree)] = []
        for (key, value) in members {
            let p = "\(path).\(key)"
            if key.hasPrefix("_"), key.count > 1 {
                underscored.append((String(key.dropFirst()), value))
            } else if key == "resourceType" {
                issues.append(FHIRIssue(.structure, path: p, "resourceType is only allowed on a resource"))
            } else {
                nodes += self.nodes(key, value, path: p)
            }
        }
        for (name, value) in underscored {
            mergePrimitiveExtensions(name, value, into: &nodes, path: "\(path)._\(name)")
        }
        for node in nodes where node.isPrimitive && node.value == nil && node.id == nil && node.children.isEmpty {
            issues.append(FHIRIssue(.structure, path: "\(path).\(node.name)",
                                    "null is only allowed in an array of primitives, where _\(node.name) gives an id or extensions"))
        }
        return nodes
    }

    /// The nodes of one member (several for an array).
    private mutating func nodes(_ name: String, _ value: JSONTree, path: String) -> [FHIRNode] {
        switch value {
        case .array(let items):
            if items.isEmpty { issues.append(FHIRIssue(.structure, path: path, "empty arrays are not allowed")) }
            var result: [FHIRNode] = []
            for (i, item) in items.enumerated() {
                if case .null = item {
                    // A placeholder; must be filled from the aligned `_name` array.
                    result.append(FHIRNode(name: name, kind: .primitive(.string), isList: true))
                    continue
                }
                if case .array = item {
                    issues.append(FHIRIssue(.structure, path: "\(path)[\(i)]", "arrays of arrays are not allowed"))
                    continue
                }
                if var node = single(name, item, path: "\(path)[\(i)]") {
                    node.isList = true
                    result.append(node)
                }
            }
            return result
        default:
            return single(name, value, path: path).map { [$0] } ?? []
        }
    }

    private mutating func single(_ name: String, _ value: JSONTree, path: String) -> FHIRNode? {
        switch value {
        case .string(let s):
            if s.isEmpty { issues.append(FHIRIssue(.value, path: path, "empty strings are not allowed")) }
            return FHIRNode(name: name, kind: .primitive(.string), value: s, isList: false)
        case .number(let n):
            return FHIRNode(name: name, kind: .primitive(.number), value: n, isList: false)
        case .bool(let b):
            return FHIRNode(name: name, kind: .primitive(.boolean), value: b ? "true" : "false", isList: false)
        case .null:
            issues.append(FHIRIssue(.structure, path: path, "null is not allowed"))
            return nil
        case .array:
            return nil
        case .object(let members):
            if members.isEmpty { issues.append(FHIRIssue(.structure, path: path, "empty objects are not allowed")) }
            if members.contains(where: { $0.key == "resourceType" }) {
                guard let resource = resource(members, path: path) else { return nil }
                return FHIRNode(name: name, kind: .element, isList: false, children: [resource])
            }
            return element(name, members, path: path)
        }
    }

    private mutating func element(_ name: String, _ members: [(key: String, value: JSONTree)], path: String) -> FHIRNode {
        var node = FHIRNode(name: name, kind: .element, isList: false)
        var rest: [(key: String, value: JSONTree)] = []
        let isExtension = name == "extension" || name == "modifierExtension"
        for member in members {
            switch (member.key, member.value) {
            case ("id", .string(let id)): node.id = id
            case ("url", .string(let url)) where isExtension: node.url = url
            case ("id", _):
                issues.append(FHIRIssue(.structure, path: "\(path).id", "id must be a string"))
            case ("url", _) where isExtension:
                issues.append(FHIRIssue(.structure, path: "\(path).url", "url must be a string"))
            default: rest.append(member)
            }
        }
        node.children = children(of: rest, path: path)
        return node
    }

    /// Applies `_name` to the primitive nodes called `name` (creating value-less ones).
    private mutating func mergePrimitiveExtensions(_ name: String, _ value: JSONTree, into nodes: inout [FHIRNode], path: String) {
        let indices = nodes.indices.filter { nodes[$0].name == name }
        switch value {
        case .object(let members):
            guard indices.count <= 1, indices.first.map({ nodes[$0].isList != true }) ?? true else {
                issues.append(FHIRIssue(.structure, path: path, "_\(name) must be an array because \(name) is"))
                return
            }
            let index = indices.first ?? {
                nodes.append(FHIRNode(name: name, kind: .primitive(.string), isList: false))
                return nodes.count - 1
            }()
            apply(members, to: &nodes[index], path: path)
        case .array(let items):
            if indices.isEmpty {
                for _ in items { nodes.append(FHIRNode(name: name, kind: .primitive(.string), isList: true)) }
            } else if indices.count != items.count || nodes[indices[0]].isList != true {
                issues.append(FHIRIssue(.structure, path: path, "_\(name) must have as many items as \(name)"))
                return
            }
            let targets = nodes.indices.filter { nodes[$0].name == name }
            for (i, item) in items.enumerated() {
                switch item {
                case .null: continue
                case .object(let members): apply(members, to: &nodes[targets[i]], path: "\(path)[\(i)]")
                default: issues.append(FHIRIssue(.structure, path: "\(path)[\(i)]", "expected an object or null"))
                }
            }
        default:
            issues.append(FHIRIssue(.structure, path: path, "_\(name) must be an object or an array"))
        }
    }

    /// `{"id": …, "extension": […]}` of a primitive.
    private mutating func apply(_ members: [(key: String, value: JSONTree)], to node: inout FHIRNode, path: String) {
        guard node.isPrimitive else {
            issues.append(FHIRIssue(.structure, path: path, "_\(node.name) is only allowed for a primitive element"))
            return
        }
        for (key, value) in members {
            switch (key, value) {
            case ("id", .string(let id)): node.id = id
            case ("extension", _): node.children += nodes("extension", value, path: "\(path).extension")
            default: issues.append(FHIRIssue(.structure, path: "\(path).\(key)", "only id and extension are allowed here"))
            }
        }
    }
}
