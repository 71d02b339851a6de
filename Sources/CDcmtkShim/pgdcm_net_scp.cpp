// The SCP: our own listening socket, accept loop, association negotiation, the command loop
// of each association, C-ECHO and C-STORE. C-FIND/C-MOVE/C-GET live in their own files.
//
// Why not DcmSCP / DcmSCPPool (docs/dcmtk.md, notes/DCMTK.md):
//  - DcmSCPPool leaks one thread stack per association in 3.6.7: we run one joined thread
//    per association with a limit instead.
//  - DcmSCPConfig stops at 128 presentation contexts; we accept with
//    ASC_acceptContextsWithPreferredTransferSyntaxes over our own lists.
//  - DcmSCP keeps its T_ASC_Association private, and C-GET must send C-STOREs on it.
//  - DCMTK 3.6.7 binds 0.0.0.0 and has no bind-address option: we bind and listen our own
//    socket and put it in the place of DCMTK's (see listenOn).
#include "net_internal.h"
#include "dcmtk/dcmnet/dcmtrans.h"
#include "dcmtk/dcmnet/dul.h"
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <list>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using pgd::fail;
using namespace pgd::net;

namespace {

// The storage SOP classes the product accepts (PS3.4 B.5), before the configured ones.
const char *const kPhotoClasses[] = {
    UID_VLPhotographicImageStorage,          // 1.2.840.10008.5.1.4.1.1.77.1.4
    UID_VideoPhotographicImageStorage,       // 1.2.840.10008.5.1.4.1.1.77.1.4.1
    UID_DermoscopicPhotographyImageStorage,  // 1.2.840.10008.5.1.4.1.1.77.1.7
    UID_SecondaryCaptureImageStorage,        // 1.2.840.10008.5.1.4.1.1.7
};

// Most wanted first: keep the sender's JPEG as it is; Deflate only when nothing else fits.
const char *kStorageSyntaxes[] = {
    UID_JPEGProcess1TransferSyntax,          // JPEG Baseline
    UID_JPEGProcess2_4TransferSyntax,        // JPEG Extended
    UID_JPEGProcess14SV1TransferSyntax,      // JPEG Lossless SV1
    UID_LittleEndianExplicitTransferSyntax,
    UID_LittleEndianImplicitTransferSyntax,
    UID_DeflatedExplicitVRLittleEndianTransferSyntax,
};
const char *kPlainSyntaxes[] = {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax};
const char *kEcho[] = {UID_VerificationSOPClass};
const char *kFind[] = {UID_FINDPatientRootQueryRetrieveInformationModel, UID_FINDStudyRootQueryRetrieveInformationModel};
const char *kRetrieve[] = {UID_MOVEPatientRootQueryRetrieveInformationModel,
                           UID_MOVEStudyRootQueryRetrieveInformationModel,
                           UID_GETPatientRootQueryRetrieveInformationModel,
                           UID_GETStudyRootQueryRetrieveInformationModel};

template <typename T, size_t N>
size_t copyList(T (&list)[N], const char **out, size_t cap) {
    for (size_t i = 0; i < N && i < cap; ++i) out[i] = list[i];
    return N;
}

template <size_t N>
OFCondition acceptAll(T_ASC_Parameters *params, const char *(&abstract)[N], const char **ts, int nts) {
    return ASC_acceptContextsWithPreferredTransferSyntaxes(params, abstract, int(N), ts, nts);
}

// Binds (loopback or any address) and listens on a socket of our own, then puts it in the
// place of the one DCMTK opened on an ephemeral 0.0.0.0 port: dup3 replaces DCMTK's
// descriptor atomically, so DCMTK accepts on ours without knowing. The bound port (also for
// port 0) is read back with getsockname.
int listenOn(pgd_scp *s, pgd_error *err) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(err, PGD_E_LISTEN, "socket: %s", strerror(errno));
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(s->port);
    addr.sin_addr.s_addr = htonl(s->loopbackOnly ? INADDR_LOOPBACK : INADDR_ANY);
    const char *where = s->loopbackOnly ? "127.0.0.1" : "0.0.0.0";
    if (bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0) {
        int e = errno;
        close(fd);
        return fail(err, PGD_E_LISTEN, "cannot listen on %s:%u: %s", where, unsigned(s->port), strerror(e));
    }
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    OFCondition c = ASC_initializeNetwork(NET_ACCEPTOR, 0, int(s->acseTimeout), &s->net);
    if (c.bad()) {
        close(fd);
        return fail(err, PGD_E_LISTEN, "cannot initialise the network: %s", c.text());
    }
    int theirs = int(DUL_networkSocket(s->net->network));
    if (theirs < 0 || dup3(fd, theirs, O_CLOEXEC) < 0) {
        int e = errno;
        close(fd);
        ASC_dropNetwork(&s->net);
        return fail(err, PGD_E_LISTEN, "cannot install the listening socket: %s", strerror(e));
    }
    close(fd);
    s->port = ntohs(addr.sin_port);
    return pgd::ok(err);
}

bool isStorageClass(const pgd_scp *s, const char *uid) {
    for (const std::string &c : s->storageClasses)
        if (c == uid) return true;
    return false;
}

OFCondition negotiate(pgd_scp *s, T_ASC_Parameters *params) {
    OFCondition c = acceptAll(params, kEcho, kPlainSyntaxes, 2);
    if (c.good() && s->handlers.on_find) c = acceptAll(params, kFind, kPlainSyntaxes, 2);
    if (c.good() && s->handlers.on_retrieve) c = acceptAll(params, kRetrieve, kPlainSyntaxes, 2);
    if (c.bad()) return c;
    std::vector<const char *> storage;
    for (const std::string &uid : s->storageClasses) storage.push_back(uid.c_str());
    c = ASC_acceptContextsWithPreferredTransferSyntaxes(params, storage.data(), int(storage.size()), kStorageSyntaxes,
                                                        int(sizeof kStorageSyntaxes / sizeof *kStorageSyntaxes));
    if (c.bad()) return c;
    // SCP/SCU role selection (PS3.7 D.3.3.4): a C-GET requestor proposes the SCP role for the
    // storage classes it wants back; accept the role it proposed so we may send C-STOREs.
    int n = ASC_countPresentationContexts(params);
    for (int i = 0; i < n && c.good(); ++i) {
        T_ASC_PresentationContext pc;
        if (ASC_getPresentationContext(params, i, &pc).bad() || pc.resultReason != ASC_P_ACCEPTANCE) continue;
        if ((pc.proposedRole == ASC_SC_ROLE_SCP || pc.proposedRole == ASC_SC_ROLE_SCUSCP) &&
            isStorageClass(s, pc.abstractSyntax))
            c = ASC_acceptPresentationContext(params, pc.presentationContextID, pc.acceptedTransferSyntax,
                                              pc.proposedRole);
    }
    return c;
}

void reject(T_ASC_Association *&assoc, T_ASC_RejectParametersResult result, T_ASC_RejectParametersSource source,
            T_ASC_RejectParametersReason reason) {
    T_ASC_RejectParameters rj = {result, source, reason};
    ASC_rejectAssociation(assoc, &rj);
    ASC_dropAssociation(assoc);
    ASC_destroyAssociation(&assoc);
}

// ---- C-STORE ---------------------------------------------------------------------------

struct StoreContext {
    Session *session;
    T_ASC_PresentationContextID pc;
    std::string path;
    bool answered = false;
};

void removeFile(const std::string &path) {
    if (unlink(path.c_str()) != 0 && errno != ENOENT) { /* nothing more to do */ }
}

// DIMSE_storeProvider calls this while the data set streams into the file, and once more
// (DIMSE_StoreEnd) when it is complete, before the C-STORE-RSP is sent with rsp->DimseStatus.
void storeProgress(void *data, T_DIMSE_StoreProgress *progress, T_DIMSE_C_StoreRQ *req, char *, DcmDataset **,
                   T_DIMSE_C_StoreRSP *rsp, DcmDataset **) {
    if (progress->state != DIMSE_StoreEnd) return;
    StoreContext *ctx = static_cast<StoreContext *>(data);
    Session &s = *ctx->session;
    ctx->answered = true;
    if (rsp->DimseStatus != STATUS_Success) {  // DCMTK could not create the file: 0xA700
        removeFile(ctx->path);
        s.scp->failed.fetch_add(1);
        return;
    }
    T_ASC_PresentationContext pc;
    if (ASC_findAcceptedPresentationContext(s.assoc->params, ctx->pc, &pc).bad() ||
        strcmp(pc.abstractSyntax, req->AffectedSOPClassUID) != 0 || !isStorageClass(s.scp, pc.abstractSyntax)) {
        removeFile(ctx->path);
        s.scp->failed.fetch_add(1);
        rsp->DimseStatus = STATUS_STORE_Error_DataSetDoesNotMatchSOPClass;
        return;
    }
    struct stat st;
    pgd_store_event ev;
    ev.calling_ae = s.callingAE.c_str();
    ev.called_ae = s.calledAE.c_str();
    ev.peer_ip = s.peerIP.c_str();
    ev.sop_class_uid = req->AffectedSOPClassUID;
    ev.sop_instance_uid = req->AffectedSOPInstanceUID;
    ev.transfer_syntax_uid = pc.acceptedTransferSyntax;
    ev.file_path = ctx->path.c_str();
    ev.file_size = stat(ctx->path.c_str(), &st) == 0 ? uint64_t(st.st_size) : 0;
    uint16_t status = s.scp->handlers.on_store(s.scp->handlers.ctx, &ev);
    bool kept = status == STATUS_Success || (status & 0xF000) == 0xB000;
    if (kept) {
        s.scp->stored.fetch_add(1);
    } else {
        removeFile(ctx->path);
        s.scp->failed.fetch_add(1);
    }
    rsp->DimseStatus = status;
}

OFCondition serveStore(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_StoreRQ &req) {
    StoreContext ctx;
    ctx.session = &s;
    ctx.pc = pc;
    ctx.path = s.scp->incomingDir + "/.pgd-in-" + std::to_string(getpid()) + "-" +
               std::to_string(s.scp->sequence.fetch_add(1)) + ".dcm";
    // Streams the data set into the file as the PDVs arrive (meta header + data set as
    // received): memory stays at one PDU whatever the object size.
    OFCondition c = DIMSE_storeProvider(s.assoc, pc, &req, ctx.path.c_str(), 1, NULL, storeProgress, &ctx,
                                        DIMSE_NONBLOCKING, int(s.scp->dimseTimeout));
    if (c.bad() && !ctx.answered) {  // lost mid-transfer: DCMTK removes the file, make sure
        removeFile(ctx.path);
        s.scp->failed.fetch_add(1);
    }
    return c;
}

// ---- one association -------------------------------------------------------------------

void serve(pgd_scp *scp, T_ASC_Association *assoc) {
    Session s{scp, assoc, "", "", ""};
    const DUL_ASSOCIATESERVICEPARAMETERS &p = assoc->params->DULparams;
    s.callingAE = p.callingAPTitle;
    s.calledAE = p.calledAPTitle;
    s.peerIP = p.callingPresentationAddress;

    int decision = scp->handlers.on_association
                       ? scp->handlers.on_association(scp->handlers.ctx, s.callingAE.c_str(), s.calledAE.c_str(),
                                                      s.peerIP.c_str())
                       : PGD_ASSOC_ACCEPT;
    if (decision != PGD_ASSOC_ACCEPT) {
        scp->rejected.fetch_add(1);
        T_ASC_RejectParametersReason reason = ASC_REASON_SU_NOREASON;
        if (decision == PGD_ASSOC_REJECT_CALLING_AE) reason = ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED;
        if (decision == PGD_ASSOC_REJECT_CALLED_AE) reason = ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED;
        reject(assoc, ASC_RESULT_REJECTEDPERMANENT, ASC_SOURCE_SERVICEUSER, reason);
        return;
    }
    if (negotiate(scp, assoc->params).bad()) {  // e.g. no presentation context proposed
        scp->rejected.fetch_add(1);
        reject(assoc, ASC_RESULT_REJECTEDPERMANENT, ASC_SOURCE_SERVICEUSER, ASC_REASON_SU_NOREASON);
        return;
    }
    T_ASC_Parameters *params = assoc->params;
    if (!scp->implementationUID.empty())
        OFStandard::strlcpy(params->ourImplementationClassUID, scp->implementationUID.c_str(),
                            sizeof params->ourImplementationClassUID);
    if (!scp->implementationVersion.empty())
        OFStandard::strlcpy(params->ourImplementationVersionName, scp->implementationVersion.c_str(),
                            sizeof params->ourImplementationVersionName);
    ASC_setAPTitles(params, NULL, NULL, s.calledAE.c_str());  // PS3.8 9.3.3: echo the called AE title
    setReceiveTimeout(assoc, scp->dimseTimeout);  // from here on a stalled PDU waits the DIMSE timeout
    if (ASC_acknowledgeAssociation(assoc).bad()) {
        ASC_dropAssociation(assoc);
        ASC_destroyAssociation(&assoc);
        return;
    }
    scp->associations.fetch_add(1);

    uint32_t idle = 0;
    for (;;) {
        // Between operations, in 1 s slices: an association idle for the DIMSE timeout is
        // aborted, and so is an idle one once a stop was requested.
        if (!ASC_dataWaiting(assoc, 1)) {
            if (scp->stopping.load() || ++idle >= scp->dimseTimeout) {
                ASC_abortAssociation(assoc);
                break;
            }
            continue;
        }
        idle = 0;
        T_DIMSE_Message msg;
        T_ASC_PresentationContextID pc = 0;
        OFCondition c = DIMSE_receiveCommand(assoc, DIMSE_NONBLOCKING, int(scp->dimseTimeout), &pc, &msg, NULL);
        if (c == DUL_PEERREQUESTEDRELEASE) {  // also honoured after a stop request
            ASC_acknowledgeRelease(assoc);
            break;
        }
        if (c == DUL_PEERABORTEDASSOCIATION) break;
        if (c.bad() || scp->stopping.load()) {  // stopping: no new operation
            ASC_abortAssociation(assoc);
            break;
        }
        switch (msg.CommandField) {
            case DIMSE_C_ECHO_RQ:
                c = DIMSE_sendEchoResponse(assoc, pc, &msg.msg.CEchoRQ, STATUS_Success, NULL);
                break;
            case DIMSE_C_STORE_RQ: c = serveStore(s, pc, msg.msg.CStoreRQ); break;
            case DIMSE_C_FIND_RQ: c = serveFind(s, pc, msg.msg.CFindRQ); break;
            case DIMSE_C_MOVE_RQ: c = serveMove(s, pc, msg.msg.CMoveRQ); break;
            case DIMSE_C_GET_RQ: c = serveGet(s, pc, msg.msg.CGetRQ); break;
            case DIMSE_C_CANCEL_RQ: break;  // nothing outstanding to cancel (PS3.7 9.3.2.3)
            default: c = DIMSE_BADCOMMANDTYPE; break;
        }
        if (c == DUL_PEERABORTEDASSOCIATION) break;
        if (c.bad()) {
            ASC_abortAssociation(assoc);
            break;
        }
    }
    ASC_dropSCPAssociation(assoc);
    ASC_destroyAssociation(&assoc);
}

struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
};

void reap(std::list<Worker> &workers, bool all) {
    for (auto it = workers.begin(); it != workers.end();) {
        if (all || it->done->load()) {
            it->thread.join();
            it = workers.erase(it);
        } else {
            ++it;
        }
    }
}

}  // namespace

// ---- entry points ------------------------------------------------------------------------

extern "C" int pgd_scp_create(const pgd_scp_config *cfg, const pgd_scp_handlers *handlers, pgd_scp **out,
                              pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!cfg || !handlers || !out || !handlers->on_store || !cfg->incoming_dir)
        return fail(err, PGD_E_ARG, "configuration, incoming directory and store handler required");
    *out = nullptr;
    struct stat st;
    if (stat(cfg->incoming_dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return fail(err, PGD_E_ARG, "incoming directory %s is not a directory", cfg->incoming_dir);
    std::unique_ptr<pgd_scp> s(new pgd_scp);
    s->aeTitle = cfg->ae_title && *cfg->ae_title ? cfg->ae_title : "PHOTOGATE";
    s->incomingDir = cfg->incoming_dir;
    s->port = cfg->port;
    s->loopbackOnly = cfg->loopback_only != 0;
    if (cfg->max_associations) s->maxAssociations = cfg->max_associations;
    if (cfg->max_pdu) s->maxPdu = cfg->max_pdu;
    if (cfg->acse_timeout_s) s->acseTimeout = cfg->acse_timeout_s;
    if (cfg->dimse_timeout_s) s->dimseTimeout = cfg->dimse_timeout_s;
    if (cfg->implementation_class_uid) s->implementationUID = cfg->implementation_class_uid;
    if (cfg->implementation_version) s->implementationVersion = cfg->implementation_version;
    for (const char *uid : kPhotoClasses) s->storageClasses.push_back(uid);
    for (size_t i = 0; i < cfg->n_storage_sop_classes; ++i)
        if (cfg->storage_sop_classes[i] && *cfg->storage_sop_classes[i] &&
            !isStorageClass(s.get(), cfg->storage_sop_classes[i]))
            s->storageClasses.push_back(cfg->storage_sop_classes[i]);
    s->handlers = *handlers;
    // Peer addresses stay numeric: a reverse DNS lookup per association would stall the
    // accept loop, and the association filter matches on IPs.
    dcmDisableGethostbyaddr.set(OFTrue);
    // The A-ASSOCIATE-RQ is read on the accept thread; after its first bytes DCMTK reads the
    // rest with blocking reads bounded only by SO_RCVTIMEO, which DCMTK sets on each new
    // connection from this process-wide value (60 s by default): a peer that sends half a
    // PDU would stall every other association for that long. Bound it by the ACSE timeout
    // (the last SCP created sets it); associations then get the DIMSE timeout.
    dcmSocketReceiveTimeout.set(Sint32(s->acseTimeout));
    int rc = listenOn(s.get(), err);
    if (rc != PGD_OK) return rc;
    *out = s.release();
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" uint16_t pgd_scp_port(const pgd_scp *s) { return s ? s->port : 0; }

extern "C" int pgd_scp_run(pgd_scp *s, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!s || !s->net) return fail(err, PGD_E_ARG, "no SCP, or it has already run");
    std::list<Worker> workers;
    while (!s->stopping.load()) {
        T_ASC_Association *assoc = nullptr;
        // Waits at most 1 s for a connection, so a stop request is seen within 1 s; reading
        // the A-ASSOCIATE-RQ itself is bounded by the (short) ACSE timeout.
        OFCondition c = ASC_receiveAssociation(s->net, &assoc, long(s->maxPdu), NULL, NULL, OFFalse, DUL_NOBLOCK, 1);
        reap(workers, false);
        if (c.bad()) {  // no request within 1 s, garbage, truncated PDU, ACSE timeout
            if (assoc) ASC_destroyAssociation(&assoc);  // closes the connection, if any
            continue;
        }
        if (s->active.load() >= s->maxAssociations) {
            s->rejected.fetch_add(1);
            reject(assoc, ASC_RESULT_REJECTEDTRANSIENT, ASC_SOURCE_SERVICEPROVIDER_PRESENTATION_RELATED,
                   ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED);
            continue;
        }
        auto done = std::make_shared<std::atomic<bool>>(false);
        s->active.fetch_add(1);
        try {
            workers.push_back(Worker{std::thread([s, assoc, done]() {
                                         try {
                                             serve(s, assoc);
                                         } catch (...) {
                                             // a C++ exception must not end the process
                                         }
                                         s->active.fetch_sub(1);
                                         done->store(true);
                                     }),
                                     done});
        } catch (...) {  // no thread available: treat as over the limit
            s->active.fetch_sub(1);
            s->rejected.fetch_add(1);
            reject(assoc, ASC_RESULT_REJECTEDTRANSIENT, ASC_SOURCE_SERVICEPROVIDER_PRESENTATION_RELATED,
                   ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED);
        }
    }
    // Stop listening first, so new connections are refused while the associations finish:
    // an unbound socket takes the listening socket's place (DCMTK closes it with the network).
    int theirs = int(DUL_networkSocket(s->net->network));
    int placeholder = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (theirs >= 0 && placeholder >= 0) dup3(placeholder, theirs, O_CLOEXEC);
    if (placeholder >= 0) close(placeholder);
    reap(workers, true);
    ASC_dropNetwork(&s->net);
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" void pgd_scp_stop(pgd_scp *s) {
    if (s) s->stopping.store(true);
}

extern "C" void pgd_scp_stats(const pgd_scp *s, pgd_scp_counters *out) {
    if (!s || !out) return;
    out->associations = s->associations.load();
    out->rejected = s->rejected.load();
    out->stored = s->stored.load();
    out->failed = s->failed.load();
    out->active = s->active.load();
}

extern "C" void pgd_scp_destroy(pgd_scp *s) {
    if (!s) return;
    try {
        if (s->net) ASC_dropNetwork(&s->net);
    } catch (...) {
    }
    delete s;
}

extern "C" size_t pgd_scp_capabilities(int which, const char **out, size_t cap) {
    switch (which) {
    case PGD_CAP_STORAGE_CLASSES: return copyList(kPhotoClasses, out, cap);
    case PGD_CAP_STORAGE_SYNTAXES: return copyList(kStorageSyntaxes, out, cap);
    case PGD_CAP_PLAIN_SYNTAXES: return copyList(kPlainSyntaxes, out, cap);
    case PGD_CAP_ECHO: return copyList(kEcho, out, cap);
    case PGD_CAP_FIND: return copyList(kFind, out, cap);
    case PGD_CAP_RETRIEVE: return copyList(kRetrieve, out, cap);
    default: return 0;
    }
}
