/// An A-ASSOCIATE-RQ as the association filter sees it.
public struct DicomAssociationRequest: Sendable, Equatable {
    public let callingAETitle: String
    public let calledAETitle: String
    /// The peer's IPv4 address.
    public let peerAddress: String

    public init(callingAETitle: String, calledAETitle: String, peerAddress: String) {
        self.callingAETitle = callingAETitle
        self.calledAETitle = calledAETitle
        self.peerAddress = peerAddress
    }
}

/// The association filter's answer; rejections are permanent, source service-user (PS3.8 9.3.4).
public enum DicomAssociationDecision: Sendable, Equatable {
    case accept
    /// Reason 3: calling AE title not recognised.
    case rejectCallingAETitle
    /// Reason 7: called AE title not recognised.
    case rejectCalledAETitle
    /// Reason 1: no reason given.
    case reject
}
