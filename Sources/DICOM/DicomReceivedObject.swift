/// A received C-STORE, complete on disk.
public struct DicomReceivedObject: Sendable, Equatable {
    public let callingAETitle: String
    public let calledAETitle: String
    public let peerAddress: String
    public let sopClassUID: String
    public let sopInstanceUID: String
    /// The transfer syntax it was received (and is stored) in.
    public let transferSyntaxUID: String
    /// A Part 10 file (meta header + data set as received), in the incoming directory under a
    /// hidden name.
    public let path: String
    public let size: UInt64

    public init(callingAETitle: String, calledAETitle: String, peerAddress: String, sopClassUID: String,
                sopInstanceUID: String, transferSyntaxUID: String, path: String, size: UInt64) {
        self.callingAETitle = callingAETitle
        self.calledAETitle = calledAETitle
        self.peerAddress = peerAddress
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.transferSyntaxUID = transferSyntaxUID
        self.path = path
        self.size = size
    }
}
