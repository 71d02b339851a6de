extension AuditEvent.Entity {
    /// A name/value pair about the entity (FHIR R4 auditevent.html, AuditEvent.entity.detail).
    public struct Detail: Sendable, Equatable {
        /// value[x]: string | base64Binary.
        public enum Value: Sendable, Equatable {
            case string(String)
            case base64Binary(String)
        }

        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var type: String
        public var value: Value
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            type: String,
            value: Value,
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.type = type
            self.value = value
            self.preserved = preserved
        }
    }
}

extension AuditEvent.Entity.Detail: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let typeValue: String? = r.primitive("type", .string)
        let valueValue: Value?
        switch r.choice("value", allowed: ["String", "Base64Binary"]) {
        case "String": valueValue = r.primitive("valueString", .string).map({ .string($0) })
        case "Base64Binary": valueValue = r.primitive("valueBase64Binary", .base64Binary).map({ .base64Binary($0) })
        default: valueValue = nil
        }
        preserved = r.finish()
        self.type = try r.required(typeValue, "type")
        self.value = try r.required(valueValue, "value[x]")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("type", type, .string)
        switch value {
        case .string(let v): w.primitive("valueString", v, .string)
        case .base64Binary(let v): w.primitive("valueBase64Binary", v, .base64Binary)
        }
    }
}
