extension CapabilityStatement.Rest {
    /// What the API does with one resource type (FHIR R4 capabilitystatement.html,
    /// CapabilityStatement.rest.resource).
    public struct Resource: Sendable, Equatable {
        public var id: String?
        public var `extension`: [Extension]
        public var modifierExtension: [Extension]
        /// The resource type, `Patient`.
        public var type: String
        public var profile: String?
        public var supportedProfile: [String]
        public var documentation: String?
        public var interaction: [CapabilityStatement.Rest.Resource.Interaction]
        public var versioning: ResourceVersionPolicy?
        public var readHistory: Bool?
        public var updateCreate: Bool?
        public var conditionalCreate: Bool?
        public var conditionalRead: ConditionalReadStatus?
        public var conditionalUpdate: Bool?
        public var conditionalDelete: ConditionalDeleteStatus?
        public var referencePolicy: [ReferenceHandlingPolicy]
        public var searchInclude: [String]
        public var searchRevInclude: [String]
        public var searchParam: [CapabilityStatement.Rest.Resource.SearchParam]
        public var operation: [CapabilityStatement.Rest.Resource.Operation]
        /// Primitive extensions and unknown elements kept from reading (see ``PreservedContent``).
        public var preserved: PreservedContent

        public init(
            id: String? = nil,
            extension: [Extension] = [],
            modifierExtension: [Extension] = [],
            type: String,
            profile: String? = nil,
            supportedProfile: [String] = [],
            documentation: String? = nil,
            interaction: [CapabilityStatement.Rest.Resource.Interaction] = [],
            versioning: ResourceVersionPolicy? = nil,
            readHistory: Bool? = nil,
            updateCreate: Bool? = nil,
            conditionalCreate: Bool? = nil,
            conditionalRead: ConditionalReadStatus? = nil,
            conditionalUpdate: Bool? = nil,
            conditionalDelete: ConditionalDeleteStatus? = nil,
            referencePolicy: [ReferenceHandlingPolicy] = [],
            searchInclude: [String] = [],
            searchRevInclude: [String] = [],
            searchParam: [CapabilityStatement.Rest.Resource.SearchParam] = [],
            operation: [CapabilityStatement.Rest.Resource.Operation] = [],
            preserved: PreservedContent = PreservedContent()
        ) {
            self.id = id
            self.`extension` = `extension`
            self.modifierExtension = modifierExtension
            self.type = type
            self.profile = profile
            self.supportedProfile = supportedProfile
            self.documentation = documentation
            self.interaction = interaction
            self.versioning = versioning
            self.readHistory = readHistory
            self.updateCreate = updateCreate
            self.conditionalCreate = conditionalCreate
            self.conditionalRead = conditionalRead
            self.conditionalUpdate = conditionalUpdate
            self.conditionalDelete = conditionalDelete
            self.referencePolicy = referencePolicy
            self.searchInclude = searchInclude
            self.searchRevInclude = searchRevInclude
            self.searchParam = searchParam
            self.operation = operation
            self.preserved = preserved
        }
    }
}

extension CapabilityStatement.Rest.Resource: FHIRElementModel {
    init(from r: inout NodeReader) throws {
        id = r.elementID()
        `extension` = r.elements("extension")
        modifierExtension = r.elements("modifierExtension")
        let typeValue: String? = r.primitive("type", .code)
        profile = r.primitive("profile", .canonical)
        supportedProfile = r.primitives("supportedProfile", .canonical)
        documentation = r.primitive("documentation", .markdown)
        interaction = r.elements("interaction")
        versioning = r.code("versioning", ResourceVersionPolicy.self)
        readHistory = r.bool("readHistory")
        updateCreate = r.bool("updateCreate")
        conditionalCreate = r.bool("conditionalCreate")
        conditionalRead = r.code("conditionalRead", ConditionalReadStatus.self)
        conditionalUpdate = r.bool("conditionalUpdate")
        conditionalDelete = r.code("conditionalDelete", ConditionalDeleteStatus.self)
        referencePolicy = r.codes("referencePolicy", ReferenceHandlingPolicy.self)
        searchInclude = r.primitives("searchInclude", .string)
        searchRevInclude = r.primitives("searchRevInclude", .string)
        searchParam = r.elements("searchParam")
        operation = r.elements("operation")
        preserved = r.finish()
        self.type = try r.required(typeValue, "type")
    }

    func encode(to w: inout NodeWriter) {
        w.id = id
        w.elements("extension", `extension`)
        w.elements("modifierExtension", modifierExtension)
        w.primitive("type", type, .code)
        w.primitive("profile", profile, .canonical)
        w.primitives("supportedProfile", supportedProfile, .canonical)
        w.primitive("documentation", documentation, .markdown)
        w.elements("interaction", interaction)
        w.code("versioning", versioning)
        w.bool("readHistory", readHistory)
        w.bool("updateCreate", updateCreate)
        w.bool("conditionalCreate", conditionalCreate)
        w.code("conditionalRead", conditionalRead)
        w.bool("conditionalUpdate", conditionalUpdate)
        w.code("conditionalDelete", conditionalDelete)
        w.codes("referencePolicy", referencePolicy)
        w.primitives("searchInclude", searchInclude, .string)
        w.primitives("searchRevInclude", searchRevInclude, .string)
        w.elements("searchParam", searchParam)
        w.elements("operation", operation)
    }
}
