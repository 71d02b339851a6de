extension OperationOutcome {
    /// One error, warning or piece of information (FHIR R4 operationoutcome.html,
    /// OperationOutcome.issue).
    public struct Issue: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        public var severity: IssueSeverity
        public var code: IssueType
        public var details: CodeableConcept?
        public var diagnostics: String?
        public var location: [String]
        /// FHIRPath of the elements concerned.
        public var expression: [String]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            severity: IssueSeverity,
            code: IssueType,
            details: CodeableConcept? = nil,
            diagnostics: String? = nil,
            location: [String] = [],
            expression: [String] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.severity = severity
            self.code = code
            self.details = details
            self.diagnostics = diagnostics
            self.location = location
            self.expression = expression
            self.preserved = preserved
        }
    }
}

extension OperationOutcome.Issue: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let severityValue: IssueSeverity? = r.code("severity", IssueSeverity.self)
        let codeValue: IssueType? = r.code("code", IssueType.self)
        details = r.element("details")
        diagnostics = r.primitive("diagnostics", .string)
        location = r.primitives("location", .string)
        expression = r.primitives("expression", .string)
        preserved = r.finish()
        self.severity = try r.required(severityValue, "severity")
        self.code = try r.required(codeValue, "code")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.code("severity", severity)
        w.code("code", code)
        w.element("details", details)
        w.primitive("diagnostics", diagnostics, .string)
        w.primitives("location", location, .string)
        w.primitives("expression", expression, .string)
    }
}
