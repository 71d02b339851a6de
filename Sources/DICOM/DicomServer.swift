import CDcmtkShim
import Foundation
import PhotoGateCore

/// A DICOM SCP (DIMSE over DCMTK): C-ECHO, C-STORE of photos streamed to disk, and C-FIND,
/// C-MOVE, C-GET answered by a ``DicomServiceHandler``.
///
/// - `init` binds and listens, so ``port`` is the real port (also when configured as 0) and
///   a port in use fails here.
/// - ``start()`` runs the accept loop on a dedicated `Thread` (it blocks; never on the Swift
///   concurrency pool); each association gets its own thread, joined when it ends, up to
///   ``DicomServerConfiguration/maxAssociations``; more are rejected as transient, local limit
///   exceeded (PS3.8 9.3.4).
/// - ``requestStop()`` may come from any thread. The accept loop sees it within 1 s (it polls
///   for connections in 1 s slices) and closes the port; each association finishes the DIMSE
///   operation in progress (a C-STORE gets its response once stored), acknowledges an
///   A-RELEASE-RQ that follows, and is aborted when the peer starts another operation or
///   stays idle for 1 s. ``stop()`` / ``stopped()`` wait for all of that.
///
/// Releasing a running server stops it and waits for that, so never let the last reference go
/// inside one of its own handler calls.
///
/// Call ``DicomToolkit/initialize(dictionaryPath:)`` at start-up, before threads exist: it sets
/// `TCP_NODELAY` for DCMTK's sockets (Nagle costs ~44 ms per small C-STORE).
public final class DicomServer: @unchecked Sendable {
    public let configuration: DicomServerConfiguration
    /// The bound port.
    public let port: UInt16

    private let handle: SCPHandle
    private let bridge: HandlerBridge
    private let lifecycle = Lifecycle()

    public init(configuration: DicomServerConfiguration, handler: some DicomServiceHandler) throws {
        do { try DicomToolkit.initialize() } catch let e as PGError {
            throw DicomNetworkError(.internalError, e.description)
        }
        self.configuration = configuration
        bridge = HandlerBridge(handler)
        let c = CStringArena()
        var cfg = pgd_scp_config()
        cfg.ae_title = c(configuration.aeTitle)
        cfg.port = configuration.port
        cfg.loopback_only = configuration.loopbackOnly ? 1 : 0
        cfg.max_associations = UInt32(clamping: max(1, configuration.maxAssociations))
        cfg.max_pdu = configuration.maxPDU
        cfg.acse_timeout_s = configuration.acseTimeout.wholeSeconds
        cfg.dimse_timeout_s = configuration.dimseTimeout.wholeSeconds
        cfg.incoming_dir = c(configuration.incomingDirectory)
        cfg.storage_sop_classes = c.array(configuration.additionalStorageSOPClasses)
        cfg.n_storage_sop_classes = configuration.additionalStorageSOPClasses.count
        cfg.implementation_class_uid = c(DicomToolkit.implementationClassUID)
        cfg.implementation_version = c(DicomToolkit.implementationVersionName)
        var handlers = HandlerBridge.callbacks(context: Unmanaged.passUnretained(bridge).toOpaque(),
                                               queryRetrieve: configuration.queryRetrieve)
        var created: OpaquePointer?
        var err = pgd_error()
        let rc = withExtendedLifetime(c) { pgd_scp_create(&cfg, &handlers, &created, &err) }
        guard rc == PGD_OK, let created else { throw DicomNetworkError(shim: rc, err) }
        handle = SCPHandle(pointer: created)
        port = pgd_scp_port(created)
    }

    deinit {
        pgd_scp_stop(handle.pointer)
        lifecycle.wait()
        pgd_scp_destroy(handle.pointer)
    }

    /// Starts the accept loop on its own thread. A server runs once: it cannot be restarted
    /// after a stop.
    public func start() throws {
        guard lifecycle.begin() else { throw DicomNetworkError(.invalidRequest, "the DICOM server was already started") }
        let handle = self.handle, lifecycle = self.lifecycle
        let thread = Thread {
            var err = pgd_error()
            let rc = pgd_scp_run(handle.pointer, &err)
            lifecycle.finish(rc == PGD_OK ? nil : DicomNetworkError(shim: rc, err))
        }
        thread.name = "dicom-scp-\(port)"
        thread.start()
    }

    /// Asks the server to stop; returns at once.
    public func requestStop() { pgd_scp_stop(handle.pointer) }

    /// Stops and waits until the accept loop and every association have ended.
    public func stop() {
        requestStop()
        waitUntilStopped()
    }

    /// Blocks until the server has stopped (at once when it never started).
    public func waitUntilStopped() { lifecycle.wait() }

    /// Suspends until the server has stopped, without holding a thread.
    public func stopped() async { await lifecycle.waitAsync() }

    /// Why the accept loop ended, if it failed.
    public var failure: DicomNetworkError? { lifecycle.failure }

    public var counters: DicomServerCounters {
        var c = pgd_scp_counters()
        pgd_scp_stats(handle.pointer, &c)
        return DicomServerCounters(associations: c.associations, rejected: c.rejected, stored: c.stored,
                                   failed: c.failed, active: Int(c.active))
    }
}

/// Idle -> running -> finished, waitable from threads and tasks.
private final class Lifecycle: @unchecked Sendable {
    private enum State { case idle, running, finished }
    private let condition = NSCondition()
    private var state = State.idle
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var error: DicomNetworkError?

    func begin() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard state == .idle else { return false }
        state = .running
        return true
    }

    func finish(_ failure: DicomNetworkError?) {
        condition.lock()
        state = .finished
        error = failure
        let resumed = waiters
        waiters = []
        condition.broadcast()
        condition.unlock()
        resumed.forEach { $0.resume() }
    }

    var failure: DicomNetworkError? {
        condition.lock()
        defer { condition.unlock() }
        return error
    }

    func wait() {
        condition.lock()
        while state == .running { condition.wait() }
        condition.unlock()
    }

    func waitAsync() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if state == .running {
                waiters.append(continuation)
                condition.unlock()
            } else {
                condition.unlock()
                continuation.resume()
            }
        }
    }
}
