extension Bundle {
    /// The Bundle invariants that concern the gateway (FHIR R4 bundle.html, "Constraints"):
    /// bdl-1 total only for search and history, bdl-2 entry.search only for search results,
    /// bdl-3 entry.request exactly for batch / transaction / history, bdl-4 entry.response
    /// exactly for their responses and history, bdl-7 unique fullUrl (per version), bdl-12 a
    /// message starts with a MessageHeader.
    static func checkInvariants(type: BundleType?, total: Int?, entries: [Entry], _ r: inout NodeReader) {
        guard let type else { return }
        if total != nil, type != .searchset, type != .history {
            r.report(.invariant, at: r.childPath("total"), "bdl-1: total is only for searchset and history bundles")
        }
        let needsRequest: Set<BundleType> = [.batch, .transaction, .history]
        let needsResponse: Set<BundleType> = [.batchResponse, .transactionResponse, .history]
        var seen = Set<String>()
        for (i, entry) in entries.enumerated() {
            let path = r.childPath("entry", index: i)
            if entry.search != nil, type != .searchset {
                r.report(.invariant, at: path + ".search", "bdl-2: entry.search is only for searchset bundles")
            }
            if (entry.request != nil) != needsRequest.contains(type) {
                r.report(.invariant, at: path + ".request",
                         "bdl-3: entry.request is required in batch, transaction and history bundles and not allowed otherwise")
            }
            if (entry.response != nil) != needsResponse.contains(type) {
                r.report(.invariant, at: path + ".response",
                         "bdl-4: entry.response is required in batch-response, transaction-response and history bundles and not allowed otherwise")
            }
            if let fullUrl = entry.fullUrl {
                let key = fullUrl + "|" + (entry.resource?.model.meta?.versionId ?? "")
                if !seen.insert(key).inserted, type != .history {
                    r.report(.invariant, at: path + ".fullUrl", "bdl-7: fullUrl '\(fullUrl)' appears twice")
                }
            }
        }
        if type == .message, entries.first?.resource?.resourceType != MessageHeader.resourceType {
            r.report(.invariant, at: r.childPath("entry", index: 0), "bdl-12: a message bundle starts with a MessageHeader")
        }
    }
}
