import DICOM
import Foundation
import PhotoGateCore
import TestSupport

/// A ``DicomServiceHandler`` made of closures; the defaults accept, store and match nothing.
struct TestHandler: DicomServiceHandler {
    var onAccept: @Sendable (DicomAssociationRequest) -> DicomAssociationDecision = { _ in .accept }
    var onStore: @Sendable (DicomReceivedObject) -> DicomStatus = { _ in .success }
    var onFind: @Sendable (DicomQuery) -> DicomFindResult = { _ in .matches([]) }
    var onRetrieve: @Sendable (DicomQuery) -> DicomRetrieveResult = { _ in .failure(.cannotUnderstand) }

    func shouldAccept(_ association: DicomAssociationRequest) -> DicomAssociationDecision { onAccept(association) }
    func store(_ object: DicomReceivedObject) -> DicomStatus { onStore(object) }
    func find(_ query: DicomQuery) -> DicomFindResult { onFind(query) }
    func retrieve(_ query: DicomQuery) -> DicomRetrieveResult { onRetrieve(query) }
}

/// A thread-safe list the handlers append to from the association threads.
final class Recorder<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []

    func append(_ item: Element) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// A started ``DicomServer`` on a free port with its own directories; stopped by `stop()`.
struct TestServer {
    let server: DicomServer
    let incoming: String
    /// Where the test's store handler keeps what it accepted.
    let stored: String

    init(_ handler: (_ stored: String) -> TestHandler,
         configure: (inout DicomServerConfiguration) -> Void = { _ in }) throws {
        try DicomToolkit.initialize()
        incoming = try Fixtures.scratchDirectory()
        stored = try Fixtures.scratchDirectory()
        var configuration = DicomServerConfiguration(incomingDirectory: incoming, port: 0)
        configure(&configuration)
        server = try DicomServer(configuration: configuration, handler: handler(stored))
        try server.start()
    }

    var port: UInt16 { server.port }
    var peer: DicomPeer { DicomPeer(host: "127.0.0.1", port: port, aeTitle: "PHOTOGATE") }
    var portArgument: String { "\(port)" }

    func stop() { server.stop() }

    /// A store handler that keeps each object by moving it into `stored` (the durable store).
    static func keeping(into stored: String, _ recorder: Recorder<DicomReceivedObject>) -> TestHandler {
        var handler = TestHandler()
        handler.onStore = { object in
            let target = "\(stored)/\(object.sopInstanceUID).dcm"
            do { try FileManager.default.moveItem(atPath: object.path, toPath: target) } catch { return .outOfResources }
            recorder.append(object)
            return .success
        }
        return handler
    }
}
