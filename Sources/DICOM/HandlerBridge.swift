import CDcmtkShim
import PhotoGateCore

/// The context the shim hands back to the C callbacks: the application's handler.
final class HandlerBridge: @unchecked Sendable {
    let handler: any DicomServiceHandler

    init(_ handler: any DicomServiceHandler) { self.handler = handler }

    static func from(_ context: UnsafeMutableRawPointer?) -> any DicomServiceHandler {
        Unmanaged<HandlerBridge>.fromOpaque(context!).takeUnretainedValue().handler
    }

    static func callbacks(context: UnsafeMutableRawPointer, queryRetrieve: Bool) -> pgd_scp_handlers {
        pgd_scp_handlers(ctx: context, on_association: onAssociation, on_store: onStore,
                         on_find: queryRetrieve ? onFind : nil, on_retrieve: queryRetrieve ? onRetrieve : nil)
    }

    // These run on the SCP's association threads.

    private static let onAssociation: pgd_assoc_cb = { context, calling, called, peer in
        let request = DicomAssociationRequest(callingAETitle: string(calling), calledAETitle: string(called),
                                              peerAddress: string(peer))
        switch from(context).shouldAccept(request) {
        case .accept: return PGD_ASSOC_ACCEPT
        case .rejectCallingAETitle: return PGD_ASSOC_REJECT_CALLING_AE
        case .rejectCalledAETitle: return PGD_ASSOC_REJECT_CALLED_AE
        case .reject: return PGD_ASSOC_REJECT
        }
    }

    private static let onStore: pgd_store_cb = { context, event in
        guard let e = event?.pointee else { return DicomStatus.cannotUnderstand.rawValue }
        let object = DicomReceivedObject(
            callingAETitle: string(e.calling_ae), calledAETitle: string(e.called_ae), peerAddress: string(e.peer_ip),
            sopClassUID: string(e.sop_class_uid), sopInstanceUID: string(e.sop_instance_uid),
            transferSyntaxUID: string(e.transfer_syntax_uid), path: string(e.file_path), size: e.file_size)
        return from(context).store(object).rawValue
    }

    private static let onFind: pgd_find_cb = { context, q, rows in
        guard let q = q?.pointee, let query = query(q, service: .find) else {
            return DicomStatus.dataSetDoesNotMatchSOPClass.rawValue
        }
        switch from(context).find(query) {
        case let .failure(status):
            return status.isSuccess ? DicomStatus.cannotUnderstand.rawValue : status.rawValue
        case let .matches(matches):
            for match in matches {
                pgd_rows_next(rows)
                for attribute in query.response(for: match) { pgd_rows_add(rows, attribute.tag, attribute.value) }
            }
            return DicomStatus.success.rawValue
        }
    }

    private static let onRetrieve: pgd_retrieve_cb = { context, q, plan in
        guard let q = q?.pointee, let query = query(q, service: q.move_destination == nil ? .get : .move) else {
            return DicomStatus.dataSetDoesNotMatchSOPClass.rawValue
        }
        switch from(context).retrieve(query) {
        case let .failure(status):
            return status.isSuccess ? DicomStatus.cannotUnderstand.rawValue : status.rawValue
        case let .send(files, destination, removeAfterwards):
            if removeAfterwards { pgd_plan_remove_files_after(plan) }
            if query.service == .move {
                guard let destination else { return DicomStatus.moveDestinationUnknown.rawValue }
                pgd_plan_set_destination(plan, destination.host, destination.port, destination.aeTitle)
            }
            for file in files { pgd_plan_add_file(plan, file) }
            return DicomStatus.success.rawValue
        }
    }

    private static func query(_ q: pgd_query, service: DicomQuery.Service) -> DicomQuery? {
        guard let level = DicomQuery.Level(rawValue: string(q.level)) else { return nil }
        var keys: [DicomAttribute] = []
        for i in 0..<q.n_keys {
            keys.append(DicomAttribute(q.keys[i].tag, string(q.keys[i].value)))
        }
        return DicomQuery(service: service, root: q.root == PGD_ROOT_STUDY ? .study : .patient, level: level,
                          keys: keys, moveDestination: q.move_destination.map { String(cString: $0) },
                          callingAETitle: string(q.calling_ae), calledAETitle: string(q.called_ae),
                          peerAddress: string(q.peer_ip))
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String {
        p.map { String(cString: $0) } ?? ""
    }
}
