extension Extension {
    /// `Extension.value[x]`: every primitive type and the common complex types as cases; any
    /// other R4 type that value[x] allows (Quantity, Timing, …) is kept as read in ``other(_:)``
    /// (FHIR R4 extensibility.html, "Extension.value[x]": the open type list).
    public enum Value: Sendable, Equatable {
        case base64Binary(String), boolean(Bool), canonical(String), code(String), date(String)
        case dateTime(String), decimal(FHIRDecimal), id(String), instant(String), integer(Int)
        case markdown(String), oid(String), positiveInt(Int), string(String), time(String)
        case unsignedInt(Int), uri(String), url(String), uuid(String)
        case address(Address), annotation(Annotation), attachment(Attachment), codeableConcept(CodeableConcept)
        case coding(Coding), contactPoint(ContactPoint), humanName(HumanName), identifier(Identifier)
        case meta(Meta), period(Period), reference(Reference)
        /// Another type allowed in value[x]; the node is named `value<Type>`.
        case other(FHIRNode)

        /// Complex types of the R4 open type list that have no case of their own.
        static let otherTypes = [
            "Age", "Count", "Distance", "Duration", "Money", "Quantity", "Range", "Ratio", "SampledData",
            "Signature", "Timing", "ContactDetail", "Contributor", "DataRequirement", "Expression",
            "ParameterDefinition", "RelatedArtifact", "TriggerDefinition", "UsageContext", "Dosage",
        ]
        static let complexTypes = [
            "Address", "Annotation", "Attachment", "CodeableConcept", "Coding", "ContactPoint", "HumanName",
            "Identifier", "Meta", "Period", "Reference",
        ]
        static let primitiveTypes = FHIRPrimitiveType.allCases.map { $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst() }

        static func read(from r: inout NodeReader) -> Value? {
            guard let suffix = r.choice("value", allowed: primitiveTypes + complexTypes + otherTypes) else { return nil }
            let name = "value" + suffix
            if let type = FHIRPrimitiveType(rawValue: suffix.prefix(1).lowercased() + suffix.dropFirst()) {
                return readPrimitive(name, type, from: &r)
            }
            switch suffix {
            case "Address": return (r.element(name) as Address?).map { .address($0) }
            case "Annotation": return (r.element(name) as Annotation?).map { .annotation($0) }
            case "Attachment": return (r.element(name) as Attachment?).map { .attachment($0) }
            case "CodeableConcept": return (r.element(name) as CodeableConcept?).map { .codeableConcept($0) }
            case "Coding": return (r.element(name) as Coding?).map { .coding($0) }
            case "ContactPoint": return (r.element(name) as ContactPoint?).map { .contactPoint($0) }
            case "HumanName": return (r.element(name) as HumanName?).map { .humanName($0) }
            case "Identifier": return (r.element(name) as Identifier?).map { .identifier($0) }
            case "Meta": return (r.element(name) as Meta?).map { .meta($0) }
            case "Period": return (r.element(name) as Period?).map { .period($0) }
            case "Reference": return (r.element(name) as Reference?).map { .reference($0) }
            default: return r.raw(name).map { .other($0) }
            }
        }

        private static func readPrimitive(_ name: String, _ type: FHIRPrimitiveType, from r: inout NodeReader) -> Value? {
            switch type {
            case .boolean: return r.bool(name).map { .boolean($0) }
            case .integer: return r.int(name, .integer).map { .integer($0) }
            case .positiveInt: return r.int(name, .positiveInt).map { .positiveInt($0) }
            case .unsignedInt: return r.int(name, .unsignedInt).map { .unsignedInt($0) }
            case .decimal: return r.decimal(name).map { .decimal($0) }
            default:
                guard let text = r.primitive(name, type) else { return nil }
                switch type {
                case .base64Binary: return .base64Binary(text)
                case .canonical: return .canonical(text)
                case .code: return .code(text)
                case .date: return .date(text)
                case .dateTime: return .dateTime(text)
                case .id: return .id(text)
                case .instant: return .instant(text)
                case .markdown: return .markdown(text)
                case .oid: return .oid(text)
                case .time: return .time(text)
                case .uri: return .uri(text)
                case .url: return .url(text)
                case .uuid: return .uuid(text)
                default: return .string(text)
                }
            }
        }

        func write(to w: inout NodeWriter) {
            switch self {
            case .base64Binary(let v): w.primitive("valueBase64Binary", v, .base64Binary)
            case .boolean(let v): w.bool("valueBoolean", v)
            case .canonical(let v): w.primitive("valueCanonical", v, .canonical)
            case .code(let v): w.primitive("valueCode", v, .code)
            case .date(let v): w.primitive("valueDate", v, .date)
            case .dateTime(let v): w.primitive("valueDateTime", v, .dateTime)
            case .decimal(let v): w.decimal("valueDecimal", v)
            case .id(let v): w.primitive("valueId", v, .id)
            case .instant(let v): w.primitive("valueInstant", v, .instant)
            case .integer(let v): w.int("valueInteger", v, .integer)
            case .markdown(let v): w.primitive("valueMarkdown", v, .markdown)
            case .oid(let v): w.primitive("valueOid", v, .oid)
            case .positiveInt(let v): w.int("valuePositiveInt", v, .positiveInt)
            case .string(let v): w.primitive("valueString", v, .string)
            case .time(let v): w.primitive("valueTime", v, .time)
            case .unsignedInt(let v): w.int("valueUnsignedInt", v, .unsignedInt)
            case .uri(let v): w.primitive("valueUri", v, .uri)
            case .url(let v): w.primitive("valueUrl", v, .url)
            case .uuid(let v): w.primitive("valueUuid", v, .uuid)
            case .address(let v): w.element("valueAddress", v)
            case .annotation(let v): w.element("valueAnnotation", v)
            case .attachment(let v): w.element("valueAttachment", v)
            case .codeableConcept(let v): w.element("valueCodeableConcept", v)
            case .coding(let v): w.element("valueCoding", v)
            case .contactPoint(let v): w.element("valueContactPoint", v)
            case .humanName(let v): w.element("valueHumanName", v)
            case .identifier(let v): w.element("valueIdentifier", v)
            case .meta(let v): w.element("valueMeta", v)
            case .period(let v): w.element("valuePeriod", v)
            case .reference(let v): w.element("valueReference", v)
            case .other(let node): w.raw(node)
            }
        }
    }
}
