/// A DICOM application entity on the network: where to connect and which AE title to call.
public struct DicomPeer: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: UInt16
    public var aeTitle: String

    public init(host: String, port: UInt16, aeTitle: String) {
        self.host = host
        self.port = port
        self.aeTitle = aeTitle
    }

    /// `ORTHANC@127.0.0.1:4242`
    public var description: String { "\(aeTitle)@\(host):\(port)" }
}
