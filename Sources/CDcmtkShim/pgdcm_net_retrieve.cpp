// C-MOVE and C-GET providers (PS3.4 C.4.2, C.4.3): the handler names the files, the shim
// performs one C-STORE sub-operation per DIMSE callback and reports the counts.
//  - C-MOVE sends on a sub-association we open to the destination the handler resolved,
//    with the C-MOVE requester as Move Originator (PS3.7 9.3.1.1).
//  - C-GET sends on the requester's own association, on the storage contexts for which it
//    took the SCP role.
#include "net_internal.h"
#include <memory>
#include <unistd.h>

using pgd::fail;
using namespace pgd::net;

struct pgd_plan {
    std::vector<std::string> files;
    std::string host, aeTitle;
    uint16_t port = 0;
    bool hasDestination = false;
    bool removeAfter = false;
};

extern "C" int pgd_plan_remove_files_after(pgd_plan *plan) {
    if (!plan) return PGD_E_ARG;
    plan->removeAfter = true;
    return PGD_OK;
}

extern "C" int pgd_plan_add_file(pgd_plan *plan, const char *path) {
    PGD_GUARD_BEGIN
    if (!plan || !path || !*path) return PGD_E_ARG;
    plan->files.push_back(path);
    return PGD_OK;
    PGD_GUARD_END(NULL)
}

extern "C" int pgd_plan_set_destination(pgd_plan *plan, const char *host, uint16_t port, const char *ae_title) {
    PGD_GUARD_BEGIN
    if (!plan || !host || !*host || !port || !ae_title || !*ae_title) return PGD_E_ARG;
    plan->host = host;
    plan->port = port;
    plan->aeTitle = ae_title;
    plan->hasDestination = true;
    return PGD_OK;
    PGD_GUARD_END(NULL)
}

namespace {

struct Retrieve {
    Session *session;
    bool isGet;
    uint16_t messageID;           // of the C-MOVE request: Move Originator Message ID
    std::string moveDestination;  // C-MOVE only
    bool started = false, cancelled = false, lost = false;
    std::vector<Outgoing> files;
    size_t next = 0;
    uint16_t completed = 0, failed = 0, warning = 0;
    std::vector<std::string> failedUIDs;
    Endpoint destination;
    Requestor sub;        // C-MOVE sub-association
    size_t subEnd = 0;    // files[next..<subEnd] are covered by `sub`
    std::vector<std::string> temporaries;  // removed when the C-MOVE/C-GET has ended
};

// Removes the handler's temporary files once the whole C-MOVE/C-GET is over.
void removeTemporaries(Retrieve &r) {
    for (const std::string &path : r.temporaries) unlink(path.c_str());
    r.temporaries.clear();
}

void failOne(Retrieve &r, const Outgoing &f) {
    r.failed++;
    if (!f.sopInstance.empty()) r.failedUIDs.push_back(f.sopInstance);
}

void failUpTo(Retrieve &r, size_t end) {
    while (r.next < end) failOne(r, r.files[r.next++]);
}

// C-MOVE: opens a sub-association covering files[next...]; when it cannot be opened, the
// files it would have carried fail.
bool openSubAssociation(Retrieve &r) {
    size_t end = r.next;
    std::vector<Proposal> contexts = proposalsFor(r.files, r.next, true, end);
    if (contexts.empty()) {  // only unreadable files left: each fails on its own
        r.subEnd = r.files.size();
        return true;
    }
    pgd_error err;
    if (r.sub.open(r.destination, contexts, NULL, &err) != PGD_OK) {
        failUpTo(r, end);
        return false;
    }
    r.subEnd = end;
    return true;
}

// One C-STORE sub-operation: sends files[next].
void subOperation(Retrieve &r) {
    pgd_scp *scp = r.session->scp;
    if (!r.isGet && r.next >= r.subEnd) {
        if (r.sub.isOpen()) r.sub.release();
        if (!openSubAssociation(r) || r.next >= r.files.size()) return;
    }
    const Outgoing &f = r.files[r.next++];
    if (!f.ok()) return failOne(r, f);
    T_ASC_Association *assoc = r.isGet ? r.session->assoc : r.sub.assoc();
    T_ASC_PresentationContextID pc = assoc ? contextFor(assoc, f, r.isGet) : 0;
    if (pc == 0) return failOne(r, f);  // no accepted context can carry it
    uint16_t status = 0;
    T_DIMSE_DetectedCancelParameters cancel;
    OFCondition c = storeFile(assoc, pc, f, scp->dimseTimeout, r.isGet ? NULL : r.session->callingAE.c_str(),
                              r.messageID, status, r.isGet ? &cancel : NULL);
    if (r.isGet && cancel.cancelEncountered) r.cancelled = true;
    if (c.bad()) {
        failOne(r, f);
        if (r.isGet) {
            r.lost = true;  // the requester's own association is gone
        } else {
            r.sub.abort();
            failUpTo(r, r.subEnd);
        }
        return;
    }
    if (status == STATUS_Success) r.completed++;
    else if ((status & 0xF000) == 0xB000) r.warning++;
    else failOne(r, f);
}

DcmDataset *failedList(const Retrieve &r) {
    if (r.failedUIDs.empty()) return NULL;
    std::string list;
    for (const std::string &uid : r.failedUIDs) list += (list.empty() ? "" : "\\") + uid;
    DcmDataset *d = new DcmDataset;
    d->putAndInsertString(DCM_FailedSOPInstanceUIDList, list.c_str());
    return d;
}

// One response of the C-MOVE/C-GET; counts go to remaining..warning.
uint16_t step(Retrieve &r, OFBool cancelled, const char *sopClass, DcmDataset *ids, DcmDataset **rspIds,
              uint16_t &remaining) {
    pgd_scp *scp = r.session->scp;
    *rspIds = NULL;
    remaining = 0;
    if (cancelled) r.cancelled = true;
    if (!r.started) {
        r.started = true;
        Query q;
        q.isMove = !r.isGet;
        q.moveDestination = r.moveDestination;
        uint16_t status = parseQuery(ids, sopClass, q);
        pgd_plan plan;
        if (status == 0 && !r.cancelled) {
            pgd_query view = q.view(*r.session);
            status = scp->handlers.on_retrieve(scp->handlers.ctx, &view, &plan);
            if (plan.removeAfter) r.temporaries = plan.files;
            if (status == STATUS_Success && !r.isGet && !plan.hasDestination)
                status = STATUS_MOVE_Refused_MoveDestinationUnknown;
        }
        // The sub-operation counts are US (PS3.7 9.3.3, 9.3.4): more files cannot be reported.
        if (status == STATUS_Success && plan.files.size() > 0xFFFF)
            status = STATUS_MOVE_Refused_OutOfResourcesNumberOfMatches;
        if (status != STATUS_Success) return status;
        for (const std::string &path : plan.files) r.files.push_back(probe(path));
        r.destination.host = plan.host;
        r.destination.port = plan.port;
        r.destination.calledAE = plan.aeTitle;
        r.destination.callingAE = scp->aeTitle;
        r.destination.maxPdu = scp->maxPdu;
        r.destination.connectTimeout = scp->acseTimeout;
        r.destination.acseTimeout = scp->acseTimeout;
        r.destination.dimseTimeout = scp->dimseTimeout;
        r.destination.implementationUID = scp->implementationUID;
        r.destination.implementationVersion = scp->implementationVersion;
    }
    if (!r.cancelled && !r.lost && r.next < r.files.size()) subOperation(r);
    if (r.cancelled) {  // PS3.4 C.4.2.3.1: stop, report what was done
        if (r.sub.isOpen()) r.sub.release();
        remaining = uint16_t(r.files.size() - r.next);
        *rspIds = failedList(r);
        return STATUS_MOVE_Cancel_SubOperationsTerminatedDueToCancelIndication;
    }
    if (!r.lost && r.next < r.files.size()) {
        remaining = uint16_t(r.files.size() - r.next);
        return STATUS_Pending;
    }
    if (r.sub.isOpen()) r.sub.release();
    failUpTo(r, r.files.size());
    // PS3.4 C.4.2.3.1: all failed -> refused (we use A702), some failed or with warnings ->
    // B000 with the Failed SOP Instance UID List, none -> success.
    uint16_t status = STATUS_Success;
    if (r.failed > 0 || r.warning > 0) status = STATUS_MOVE_Warning_SubOperationsCompleteOneOrMoreFailures;
    if (r.failed > 0 && r.completed == 0 && r.warning == 0) status = STATUS_MOVE_Refused_OutOfResourcesSubOperations;
    if (status != STATUS_Success) *rspIds = failedList(r);
    return status;
}

void moveStep(void *data, OFBool cancelled, T_DIMSE_C_MoveRQ *req, DcmDataset *ids, int, T_DIMSE_C_MoveRSP *rsp,
              DcmDataset **, DcmDataset **rspIds) {
    Retrieve &r = *static_cast<Retrieve *>(data);
    uint16_t remaining = 0;
    rsp->DimseStatus = step(r, cancelled, req->AffectedSOPClassUID, ids, rspIds, remaining);
    rsp->NumberOfRemainingSubOperations = remaining;
    rsp->NumberOfCompletedSubOperations = r.completed;
    rsp->NumberOfFailedSubOperations = r.failed;
    rsp->NumberOfWarningSubOperations = r.warning;
}

void getStep(void *data, OFBool cancelled, T_DIMSE_C_GetRQ *req, DcmDataset *ids, int, T_DIMSE_C_GetRSP *rsp,
             DcmDataset **, DcmDataset **rspIds) {
    Retrieve &r = *static_cast<Retrieve *>(data);
    uint16_t remaining = 0;
    rsp->DimseStatus = step(r, cancelled, req->AffectedSOPClassUID, ids, rspIds, remaining);
    rsp->NumberOfRemainingSubOperations = remaining;
    rsp->NumberOfCompletedSubOperations = r.completed;
    rsp->NumberOfFailedSubOperations = r.failed;
    rsp->NumberOfWarningSubOperations = r.warning;
}

}  // namespace

namespace pgd {
namespace net {

OFCondition serveMove(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_MoveRQ &req) {
    if (!s.scp->handlers.on_retrieve) return DIMSE_BADCOMMANDTYPE;  // contexts were refused
    Retrieve r;
    r.session = &s;
    r.isGet = false;
    r.messageID = req.MessageID;
    r.moveDestination = req.MoveDestination;
    OFCondition c = DIMSE_moveProvider(s.assoc, pc, &req, moveStep, &r, DIMSE_NONBLOCKING, int(s.scp->dimseTimeout));
    removeTemporaries(r);
    return c;
}

OFCondition serveGet(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_GetRQ &req) {
    if (!s.scp->handlers.on_retrieve) return DIMSE_BADCOMMANDTYPE;
    Retrieve r;
    r.session = &s;
    r.isGet = true;
    r.messageID = req.MessageID;
    OFCondition c = DIMSE_getProvider(s.assoc, pc, &req, getStep, &r, DIMSE_NONBLOCKING, int(s.scp->dimseTimeout));
    removeTemporaries(r);
    return c;
}

}  // namespace net
}  // namespace pgd
