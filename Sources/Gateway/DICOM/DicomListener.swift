import DICOM
import Foundation
import ServiceLifecycle

/// The DIMSE listener (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET) as a service of the
/// gateway's ServiceGroup.
struct DicomListener: Service {
    let gateway: Gateway
    let listeners: ListenerRegistry

    func run() async throws {
        let config = gateway.config
        let incoming = gateway.scratchPath("incoming")
        try FileManager.default.createDirectory(atPath: incoming, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let server = try DicomServer(
            configuration: DicomServerConfiguration(
                incomingDirectory: incoming, aeTitle: config.dicomAETitle, port: UInt16(config.dicomPort),
                loopbackOnly: ["127.0.0.1", "localhost", "::1"].contains(config.host),
                maxAssociations: config.dicom.maxAssociations, additionalStorageSOPClasses: config.dicom.additionalSOPClasses),
            handler: GatewayDicomHandler(gateway: gateway))
        try server.start()
        await listeners.up("dicom")
        gateway.logger.notice("listening", metadata: ["pg.listener": "dicom", "pg.address": "\(config.host):\(server.port)",
                                                      "pg.dicom.aeTitle": "\(config.dicomAETitle)"])
        await withGracefulShutdownHandler {
            await server.stopped()
        } onGracefulShutdown: {
            server.requestStop()
        }
        await listeners.down("dicom")
        try? FileManager.default.removeItem(atPath: incoming)
        if let failure = server.failure { throw failure }
    }
}

/// Background DICOM work: sends due forwards and rewrites objects whose patient changed.
struct DicomWorker: Service {
    let gateway: Gateway

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var busy = false
                do {
                    busy = try await gateway.syncDicomPatients() > 0
                    busy = try await gateway.forwardDue() > 0 || busy
                } catch is CancellationError {
                    break  // shutting down: the pass stopped where it was, nothing failed
                } catch {
                    gateway.logger.error("DICOM worker pass failed", metadata: ["pg.error": "\(error)"])
                }
                if busy { continue }
                let next = (try? await gateway.nextForwardDue()) ?? nil
                let wait = min(1.0, max(0.05, next.map { $0.timeIntervalSince(gateway.clock()) } ?? 1.0))
                try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            }
        }
    }
}
