/// A code from a code system (FHIR R4 datatypes.html#Coding).
public struct Coding: Sendable, Equatable {
    public var id: String?
    public var `extension`: [Extension]
    public var system: String?
    public var version: String?
    public var code: String?
    public var display: String?
    public var userSelected: Bool?
    /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
    public var preserved: PreservedContent

    public init(
        id: String? = nil,
        extension: [Extension] = [],
        system: String? = nil,
        version: String? = nil,
        code: String? = nil,
        display: String? = nil,
        userSelected: Bool? = nil,
        preserved: PreservedContent = PreservedContent()
    ) {
        self.id = id
        self.`extension` = `extension`
        self.system = system
        self.version = version
        self.code = code
        self.display = display
        self.userSelected = userSelected
        self.preserved = preserved
    }

    /// `system` + `code` (+ `display`), the usual way to write a coding.
    public init(system: String, code: String, display: String? = nil) {
        self.init(system: system, version: nil, code: code, display: display)
    }
}

extension Coding: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        system = r.primitive("system", .uri)
        version = r.primitive("version", .string)
        code = r.primitive("code", .code)
        display = r.primitive("display", .string)
        userSelected = r.bool("userSelected")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.primitive("system", system, .uri)
        w.primitive("version", version, .string)
        w.primitive("code", code, .code)
        w.primitive("display", display, .string)
        w.bool("userSelected", userSelected)
    }
}
