import Foundation
import PhotoGateCore

/// The codes of a FHIR R4 Consent the mappings read (the FHIR layer fills this from a
/// `Consent` resource, so the mapping engine does not depend on the FHIR models).
public struct ConsentCodes: Sendable, Equatable {
    public struct Provision: Sendable, Equatable {
        public var deny: Bool
        public var purposes: [ConsentMapping.Code]
        public var actions: [ConsentMapping.Code]
        public var codes: [ConsentMapping.Code]
        public var period: Period?
        /// Ids of the assets in `provision.data.reference` (Media/{id}).
        public var assetIDs: [String]
        public var provisions: [Provision]

        public init(deny: Bool = false, purposes: [ConsentMapping.Code] = [], actions: [ConsentMapping.Code] = [],
                    codes: [ConsentMapping.Code] = [], period: Period? = nil, assetIDs: [String] = [],
                    provisions: [Provision] = []) {
            self.deny = deny
            self.purposes = purposes
            self.actions = actions
            self.codes = codes
            self.period = period
            self.assetIDs = assetIDs
            self.provisions = provisions
        }
    }

    /// `Consent.category` and `Consent.scope` codings.
    public var categories: [ConsentMapping.Code]
    public var provision: Provision?

    public init(categories: [ConsentMapping.Code], provision: Provision?) {
        self.categories = categories
        self.provision = provision
    }
}

/// What a consent means for the gateway.
public struct ConsentTerms: Sendable, Equatable {
    public var channels: [Channel]
    public var scope: ConsentScope
    public var period: Period
    public var denies: [DenyProvision]
}

extension SiteMappings {
    /// Translates a consent's codes to channels, scope, period and deny provisions.
    /// A consent that is not a photo-publication consent (by its category/scope codes) is
    /// refused with `PG-5003` (400) naming the codes the site accepts.
    public func terms(of consent: ConsentCodes) throws -> ConsentTerms {
        guard self.consent.isPublicationConsent(consent.categories) else {
            throw PGError(.badRequest,
                          "not a photo-publication consent: category/scope must include one of "
                            + self.consent.publicationCodes.map { "\($0.system)|\($0.code)" }.joined(separator: ", "))
        }
        let root = consent.provision ?? ConsentCodes.Provision()
        guard !root.deny else {
            throw PGError(.badRequest, "the root provision of a publication consent must be permit (deny-all consents are recorded as rejected)")
        }
        var channels = self.consent.channels(purposes: root.purposes, actions: root.actions, codes: root.codes)
        var denies: [DenyProvision] = []
        func walk(_ provisions: [ConsentCodes.Provision], inheritedPeriod: Period?) {
            for p in provisions {
                let named = self.consent.channels(purposes: p.purposes, actions: p.actions, codes: p.codes)
                if p.deny {
                    denies.append(DenyProvision(channels: named.isEmpty ? nil : named,
                                                assetIDs: p.assetIDs.isEmpty ? nil : p.assetIDs,
                                                period: p.period ?? inheritedPeriod))
                } else {
                    for c in named where !channels.contains(c) { channels.append(c) }
                }
                walk(p.provisions, inheritedPeriod: p.period ?? inheritedPeriod)
            }
        }
        walk(root.provisions, inheritedPeriod: nil)
        if channels.isEmpty { channels = self.consent.unspecified }
        return ConsentTerms(channels: channels, scope: root.assetIDs.isEmpty ? .allAssets : .assets(root.assetIDs),
                            period: root.period ?? Period(), denies: denies)
    }
}
