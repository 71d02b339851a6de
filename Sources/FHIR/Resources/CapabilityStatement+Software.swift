extension CapabilityStatement {
    /// The software the statement describes (FHIR R4 capabilitystatement.html,
    /// CapabilityStatement.software).
    public struct Software: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var name: String
        public var version: String?
        public var releaseDate: String?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            name: String,
            version: String? = nil,
            releaseDate: String? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.name = name
            self.version = version
            self.releaseDate = releaseDate
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Software: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let nameValue: String? = r.primitive("name", .string)
        version = r.primitive("version", .string)
        releaseDate = r.primitive("releaseDate", .dateTime)
        preserved = r.finish()
        self.name = try r.required(nameValue, "name")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("name", name, .string)
        w.primitive("version", version, .string)
        w.primitive("releaseDate", releaseDate, .dateTime)
    }
}
