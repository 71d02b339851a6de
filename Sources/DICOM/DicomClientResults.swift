import PhotoGateCore

/// What happened to one file of ``DicomClient/store(_:)``.
public struct DicomStoreOutcome: Sendable, Equatable {
    public let path: String
    /// From the file; empty when it could not be read.
    public let sopInstanceUID: String
    /// The C-STORE-RSP status, or nil when the file was not sent (see ``problem``).
    public let status: DicomStatus?
    /// Why the file was not sent: unreadable, no accepted presentation context, association lost.
    public let problem: String?

    public init(path: String, sopInstanceUID: String, status: DicomStatus?, problem: String?) {
        self.path = path
        self.sopInstanceUID = sopInstanceUID
        self.status = status
        self.problem = problem
    }

    /// Stored by the peer (success or warning).
    public var isStored: Bool { status?.isSuccessOrWarning ?? false }
}

/// The matches of a C-FIND and its final status.
public struct DicomFindResponse: Sendable, Equatable {
    public let status: DicomStatus
    /// Each match's attributes as received (Query/Retrieve Level included).
    public let matches: [[DicomAttribute]]

    public init(status: DicomStatus, matches: [[DicomAttribute]]) {
        self.status = status
        self.matches = matches
    }
}

/// The final C-MOVE-RSP.
public struct DicomMoveOutcome: Sendable, Equatable {
    public let status: DicomStatus
    public let completed: Int
    public let failed: Int
    public let warning: Int

    public init(status: DicomStatus, completed: Int, failed: Int, warning: Int) {
        self.status = status
        self.completed = completed
        self.failed = failed
        self.warning = warning
    }
}
