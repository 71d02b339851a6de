import DICOM
import Foundation
import Logging
import PhotoGateCore
import Storage

/// The gateway's answers to the DICOM server (DIMSE): who may associate, C-STORE into the
/// asset store, C-FIND over the index, C-MOVE/C-GET of the stored objects. Runs on DCMTK's
/// association threads; gateway operations are awaited with `runBlocking`.
struct GatewayDicomHandler: DicomServiceHandler {
    let gateway: Gateway

    private var settings: DicomSettings { gateway.config.dicom }

    /// A configured peer by calling AE title; when the peer names an IP address, the
    /// connection must come from it.
    private func isKnown(_ callingAETitle: String, from address: String) -> Bool {
        guard let peer = settings.peer(callingAETitle) else { return false }
        let literal = peer.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" }
        return !literal || peer.host == address
    }

    private func principal(_ callingAETitle: String) -> Principal {
        Principal(tokenID: "dimse", name: "dimse:\(callingAETitle)", role: .integration)
    }

    func shouldAccept(_ association: DicomAssociationRequest) -> DicomAssociationDecision {
        // PS3.8 9.3.4: called AE title not recognized (reason 7), calling not recognized (3).
        guard association.calledAETitle.trimmingCharacters(in: .whitespaces) == gateway.config.dicomAETitle else {
            gateway.logger.notice("DICOM association rejected: called AE title", metadata: [
                "pg.dicom.calling": "\(association.callingAETitle)", "pg.dicom.called": "\(association.calledAETitle)"])
            return .rejectCalledAETitle
        }
        if settings.unknownCallers == .reject, !isKnown(association.callingAETitle, from: association.peerAddress) {
            gateway.logger.notice("DICOM association rejected: unknown calling AE title", metadata: [
                "pg.dicom.calling": "\(association.callingAETitle)", "pg.dicom.peer": "\(association.peerAddress)"])
            return .rejectCallingAETitle
        }
        return .accept
    }

    func store(_ object: DicomReceivedObject) -> DicomStatus {
        // The received file is plaintext outside the data directory; it goes once sealed.
        defer { unlink(object.path) }
        do {
            let received = try gateway.readReceivedDicom(object.path)
            defer { if received.cleanPath != received.originalPath { unlink(received.cleanPath) } }
            let source = "dimse:\(object.callingAETitle)"
            let who = principal(object.callingAETitle)
            _ = try runBlocking { [gateway] in try await gateway.storeReceivedDicom(received, source: source, by: who) }
            return .success
        } catch let error as PGError {
            gateway.logger.warning("C-STORE refused", metadata: ["pg.error.code": "\(error.code.rawValue)",
                                                                "pg.dicom.calling": "\(object.callingAETitle)"])
            return DicomStatus(error)
        } catch {
            gateway.logger.error("C-STORE failed", metadata: ["pg.error": "\(error)"])
            return .outOfResources
        }
    }

    /// PS3.7 C.5: Refused, not authorized (unknown callers may not query unless configured).
    static let notAuthorized = DicomStatus(0x0124)

    private func mayQuery(_ query: DicomQuery) -> Bool {
        settings.unknownCallers == .all || isKnown(query.callingAETitle, from: query.peerAddress)
    }

    func find(_ query: DicomQuery) -> DicomFindResult {
        guard mayQuery(query) else { return .failure(Self.notAuthorized) }
        do {
            let who = principal(query.callingAETitle)
            return .matches(try runBlocking { [gateway] in try await gateway.dicomFind(query, by: who) })
        } catch let error as PGError {
            return .failure(error.code == .payloadTooLarge ? .outOfResources : DicomStatus(error))
        } catch {
            return .failure(.outOfResources)
        }
    }

    func retrieve(_ query: DicomQuery) -> DicomRetrieveResult {
        guard mayQuery(query) else { return .failure(Self.notAuthorized) }
        var destination: DicomPeer?
        if query.service == .move {
            guard let peer = settings.peer(query.moveDestination ?? "") else { return .failure(.moveDestinationUnknown) }
            destination = DicomPeer(host: peer.host, port: UInt16(peer.port), aeTitle: peer.aeTitle)
        }
        do {
            let who = principal(query.callingAETitle)
            let files = try runBlocking { [gateway] in try await gateway.dicomRetrieve(query, by: who) }
            return .send(files, to: destination, removeAfterwards: true)
        } catch {
            return .failure(.unableToPerformSubOperations)
        }
    }
}
