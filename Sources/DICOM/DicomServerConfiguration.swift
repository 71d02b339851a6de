import CDcmtkShim

/// How a ``DicomServer`` listens and what it accepts.
public struct DicomServerConfiguration: Sendable {
    /// Storage SOP classes always accepted (PS3.4 B.5): VL Photographic Image, Video
    /// Photographic Image, Dermoscopic Photography Image, Secondary Capture Image.
    public static var photoStorageSOPClasses: [String] { DicomCapabilities.storageSOPClasses }

    /// Our AE title; also the calling AE title of C-MOVE sub-associations.
    public var aeTitle: String
    /// 0 = any free port; ``DicomServer/port`` tells the bound one.
    public var port: UInt16
    /// Listen on 127.0.0.1 only (otherwise on every IPv4 address).
    public var loopbackOnly: Bool
    /// Received objects are streamed to hidden files here before ``DicomServiceHandler/store(_:)``.
    public var incomingDirectory: String
    /// Associations served at once; more are rejected (transient, local limit exceeded).
    public var maxAssociations: Int
    /// Our maximum receive PDU size.
    public var maxPDU: UInt32
    /// Reading an A-ASSOCIATE-RQ happens on the accept thread, so one silent connection delays
    /// the others by up to this long: keep it short. Whole seconds (rounded up).
    public var acseTimeout: Duration
    /// Waiting for a DIMSE message, and the longest an association may stay idle.
    public var dimseTimeout: Duration
    /// Storage SOP classes accepted besides ``photoStorageSOPClasses``.
    public var additionalStorageSOPClasses: [String]
    /// Offer C-FIND, C-MOVE and C-GET (Patient Root and Study Root, PS3.4 C.6.1, C.6.2).
    public var queryRetrieve: Bool

    public init(incomingDirectory: String, aeTitle: String = "PHOTOGATE", port: UInt16 = 11112,
                loopbackOnly: Bool = true, maxAssociations: Int = 16, maxPDU: UInt32 = 65536,
                acseTimeout: Duration = .seconds(5), dimseTimeout: Duration = .seconds(60),
                additionalStorageSOPClasses: [String] = [], queryRetrieve: Bool = true) {
        self.incomingDirectory = incomingDirectory
        self.aeTitle = aeTitle
        self.port = port
        self.loopbackOnly = loopbackOnly
        self.maxAssociations = maxAssociations
        self.maxPDU = maxPDU
        self.acseTimeout = acseTimeout
        self.dimseTimeout = dimseTimeout
        self.additionalStorageSOPClasses = additionalStorageSOPClasses
        self.queryRetrieve = queryRetrieve
    }
}

extension Duration {
    /// Whole seconds, rounded up, at least 1 (DCMTK's timeouts are in seconds).
    var wholeSeconds: UInt32 {
        let (seconds, attoseconds) = components
        let rounded = seconds + (attoseconds > 0 ? 1 : 0)
        return UInt32(clamping: max(1, rounded))
    }
}

/// What a ``DicomServer`` negotiates, read from the shim (the conformance statement is
/// checked against this).
public enum DicomCapabilities {
    /// Storage SOP classes accepted before the configured ones.
    public static var storageSOPClasses: [String] { list(PGD_CAP_STORAGE_CLASSES) }
    /// Transfer syntaxes accepted for storage, most preferred first.
    public static var storageTransferSyntaxes: [String] { list(PGD_CAP_STORAGE_SYNTAXES) }
    /// Transfer syntaxes for verification and query/retrieve.
    public static var plainTransferSyntaxes: [String] { list(PGD_CAP_PLAIN_SYNTAXES) }
    public static var verificationSOPClasses: [String] { list(PGD_CAP_ECHO) }
    public static var findSOPClasses: [String] { list(PGD_CAP_FIND) }
    public static var retrieveSOPClasses: [String] { list(PGD_CAP_RETRIEVE) }

    private static func list(_ which: Int32) -> [String] {
        var out = [UnsafePointer<CChar>?](repeating: nil, count: 32)
        let n = pgd_scp_capabilities(which, &out, out.count)
        return out.prefix(n).compactMap { $0.map { String(cString: $0) } }
    }
}
