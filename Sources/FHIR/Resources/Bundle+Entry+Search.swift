extension Bundle.Entry {
    /// Why the entry is in a search result (FHIR R4 bundle.html, Bundle.entry.search).
    public struct Search: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var mode: SearchEntryMode?
        public var score: FHIRDecimal?
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            mode: SearchEntryMode? = nil,
            score: FHIRDecimal? = nil,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.mode = mode
            self.score = score
            self.preserved = preserved
        }
    }
}

extension Bundle.Entry.Search: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        mode = r.code("mode", SearchEntryMode.self)
        score = r.decimal("score")
        preserved = r.finish()
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("mode", mode)
        w.decimal("score", score)
    }
}
