/// A snapshot of a ``DicomServer``'s counters.
public struct DicomServerCounters: Sendable, Equatable {
    /// Associations accepted.
    public let associations: UInt64
    /// Associations rejected by the filter or the association limit.
    public let rejected: UInt64
    /// C-STOREs answered with success or a warning.
    public let stored: UInt64
    /// C-STOREs answered with a failure, or lost mid-transfer.
    public let failed: UInt64
    /// Associations being served now.
    public let active: Int

    public init(associations: UInt64, rejected: UInt64, stored: UInt64, failed: UInt64, active: Int) {
        self.associations = associations
        self.rejected = rejected
        self.stored = stored
        self.failed = failed
        self.active = active
    }
}
