import PhotoGateCore

/// A ``DicomServiceHandler``'s answer to a C-FIND.
public enum DicomFindResult: Sendable, Equatable {
    /// The matching records, each a list of attributes (more than requested is fine: the
    /// response carries the requested keys only). Sent as pending responses, then success.
    case matches([[DicomAttribute]])
    /// A failure status: ``DicomStatus/dataSetDoesNotMatchSOPClass``,
    /// ``DicomStatus/outOfResources``, ``DicomStatus/cannotUnderstand``...
    case failure(DicomStatus)
}

/// A ``DicomServiceHandler``'s answer to a C-MOVE or C-GET.
public enum DicomRetrieveResult: Sendable, Equatable {
    /// Send these Part 10 files, one C-STORE sub-operation each; `destination` is where the
    /// move destination AE title lives (required for C-MOVE, ignored for C-GET). With
    /// `removeAfterwards`, the files are temporary copies the server deletes once the
    /// C-MOVE/C-GET has ended, however it ended.
    case send([String], to: DicomPeer?, removeAfterwards: Bool = false)
    /// A failure status, e.g. ``DicomStatus/moveDestinationUnknown`` (0xA801) or
    /// ``DicomStatus/dataSetDoesNotMatchSOPClass``.
    case failure(DicomStatus)
}
