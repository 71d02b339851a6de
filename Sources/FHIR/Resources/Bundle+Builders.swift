extension Bundle {
    /// A search result (FHIR R4 http.html#search, bundle.html): `total` matches, paging
    /// `links` (`self` first, then `next`/`previous`/`first`/`last`), and the entries with
    /// `search.mode` `match` (or `include` for `_include`d resources).
    /// - Parameters:
    ///   - matches: each matching resource with its absolute URL.
    ///   - included: resources added by `_include` / `_revinclude`.
    ///   - outcome: warnings about the search, as an entry with mode `outcome`.
    public static func searchset(
        id: String? = nil, total: Int, links: [Link], matches: [(fullUrl: String, resource: FHIRResource)],
        included: [(fullUrl: String, resource: FHIRResource)] = [], outcome: OperationOutcome? = nil,
        timestamp: String? = nil
    ) -> Bundle {
        var entries = matches.map { Entry(fullUrl: $0.fullUrl, resource: $0.resource, search: Entry.Search(mode: .match)) }
        entries += included.map { Entry(fullUrl: $0.fullUrl, resource: $0.resource, search: Entry.Search(mode: .include)) }
        if let outcome {
            entries.append(Entry(resource: .operationOutcome(outcome), search: Entry.Search(mode: .outcome)))
        }
        return Bundle(id: id, type: .searchset, timestamp: timestamp, total: total, link: links, entry: entries)
    }

    /// The answer to a transaction, one entry per request entry in the same order (FHIR R4
    /// http.html#transaction-response): each with `response.status` (`201 Created`), and the
    /// `location`, `etag`, `lastModified` of what was stored, and optionally the resource.
    public static func transactionResponse(id: String? = nil, entries: [Entry.Response], resources: [FHIRResource?] = [],
                                           timestamp: String? = nil) -> Bundle {
        let list = entries.enumerated().map { i, response in
            Entry(resource: i < resources.count ? resources[i] : nil, response: response)
        }
        return Bundle(id: id, type: .transactionResponse, timestamp: timestamp, entry: list)
    }

    /// The answer to a batch: like ``transactionResponse(id:entries:resources:timestamp:)``
    /// but entries may fail alone (`response.outcome` holds their OperationOutcome).
    public static func batchResponse(id: String? = nil, entries: [Entry.Response], timestamp: String? = nil) -> Bundle {
        Bundle(id: id, type: .batchResponse, timestamp: timestamp, entry: entries.map { Entry(response: $0) })
    }

    /// A FHIR message (FHIR R4 messaging.html): the MessageHeader first, then the resources it
    /// is about (bdl-12). Every entry gets a `fullUrl` so references between them resolve; the
    /// bundle carries the time the message was sent.
    public static func message(id: String? = nil, identifier: Identifier? = nil, timestamp: String, header: MessageHeader,
                               headerFullUrl: String, resources: [(fullUrl: String, resource: FHIRResource)]) -> Bundle {
        let entries = [Entry(fullUrl: headerFullUrl, resource: .messageHeader(header))]
            + resources.map { Entry(fullUrl: $0.fullUrl, resource: $0.resource) }
        return Bundle(id: id, identifier: identifier, type: .message, timestamp: timestamp, entry: entries)
    }

    /// The MessageHeader of a message bundle (its first entry).
    public var messageHeader: MessageHeader? {
        guard type == .message, case .messageHeader(let header)? = entry.first?.resource else { return nil }
        return header
    }

    /// The entries' resources of type `R`.
    public func resources<R: FHIRResourceModel>(of type: R.Type) -> [R] {
        entry.compactMap { $0.resource?.as(R.self) }
    }
}

extension Bundle.Link {
    /// A paging link: `self`, `first`, `previous`, `next` or `last` (FHIR R4 http.html#paging).
    public init(_ relation: String, _ url: String) {
        self.init(relation: relation, url: url)
    }
}

extension Bundle.Entry.Response {
    /// `201 Created` with the new resource's location (`Patient/1/_history/1`) and ETag (`W/"1"`).
    public static func created(location: String, etag: String? = nil, lastModified: String? = nil) -> Self {
        Self(status: "201 Created", location: location, etag: etag, lastModified: lastModified)
    }

    /// `200 OK` for an update or a read.
    public static func ok(location: String? = nil, etag: String? = nil, lastModified: String? = nil) -> Self {
        Self(status: "200 OK", location: location, etag: etag, lastModified: lastModified)
    }

    /// An error status with its OperationOutcome (batch responses).
    public static func failed(status: String, outcome: OperationOutcome) -> Self {
        Self(status: status, outcome: .operationOutcome(outcome))
    }
}
