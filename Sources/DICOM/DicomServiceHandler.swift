import Foundation

/// What a ``DicomServer`` asks of the application: admission, storage, queries and
/// retrievals.
///
/// Every method is called on one of the server's association threads (one OS thread per
/// association, never a Swift concurrency thread), so implementations must be thread-safe and
/// may block: the peer waits for the answer. Async work can be awaited with
/// ``runBlocking(_:)``.
public protocol DicomServiceHandler: Sendable {
    /// Admits or rejects an association before any negotiation. Default: accept.
    func shouldAccept(_ association: DicomAssociationRequest) -> DicomAssociationDecision

    /// A C-STORE whose data set is complete in `object.path`. Store it durably (move the file
    /// away) and return the C-STORE-RSP status: the response is sent only after this returns.
    /// On a status other than success or warning the file is deleted if still there.
    func store(_ object: DicomReceivedObject) -> DicomStatus

    /// A C-FIND: the matching records. Default: unable to process.
    func find(_ query: DicomQuery) -> DicomFindResult

    /// A C-MOVE (``DicomQuery/moveDestination`` set) or C-GET: the files to send and, for a
    /// C-MOVE, where the move destination AE title is. Default: unable to process.
    func retrieve(_ query: DicomQuery) -> DicomRetrieveResult
}

extension DicomServiceHandler {
    public func shouldAccept(_ association: DicomAssociationRequest) -> DicomAssociationDecision { .accept }
    public func find(_ query: DicomQuery) -> DicomFindResult { .failure(.cannotUnderstand) }
    public func retrieve(_ query: DicomQuery) -> DicomRetrieveResult { .failure(.cannotUnderstand) }

    /// Runs async work from a handler method and waits for it: the association thread blocks
    /// on a semaphore while a `Task` runs `operation` on the concurrency pool.
    ///
    /// Only for handler methods (DCMTK threads). The operation runs on dispatch threads
    /// (``HandlerTaskExecutor``), not on the cooperative pool.
    public func runBlocking<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        // Preferring a dispatch-backed executor keeps the work off the cooperative pool, so a
        // pool whose threads are all busy (or blocked) cannot starve a waiting association.
        Task(executorPreference: HandlerTaskExecutor.shared) {
            let result: Result<T, Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }
}

/// A task executor on dispatch threads for the work handler methods wait for: DCMTK's
/// association threads block on it, and it must make progress however busy the Swift
/// concurrency pool is.
final class HandlerTaskExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = HandlerTaskExecutor()
    private let queue = DispatchQueue(label: "photogate.dicom.handler", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
