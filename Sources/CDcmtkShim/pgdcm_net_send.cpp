// Outgoing files and the requestor side of an association: used by the SCU calls and by the
// SCP's C-MOVE sub-associations and C-GET sub-operations.
#include "net_internal.h"
#include "dcmtk/dcmnet/dcmtrans.h"
#include <set>
#include <sys/socket.h>
#include <sys/stat.h>
#include <utility>

using pgd::fail;

namespace pgd {
namespace net {

bool isNative(const std::string &ts) {
    return ts == UID_LittleEndianImplicitTransferSyntax || ts == UID_LittleEndianExplicitTransferSyntax ||
           ts == UID_BigEndianExplicitTransferSyntax;
}

bool canSendAs(const std::string &from, const std::string &to) {
    if (from == to) return true;
    // No codecs are registered: only unencapsulated encodings can be re-encoded.
    bool plain = isNative(from) || from == UID_DeflatedExplicitVRLittleEndianTransferSyntax;
    return plain && isNative(to);
}

Outgoing probe(const std::string &path) {
    Outgoing f;
    f.path = path;
    DcmFileFormat ff;
    // Values over 256 bytes stay on disk: probing a 1 GB object reads its header only.
    OFCondition c = ff.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 256, ERM_autoDetect);
    if (c.bad()) {
        f.error = "cannot read " + path + ": " + c.text();
        return f;
    }
    DcmDataset *ds = ff.getDataset();
    DcmMetaInfo *meta = ff.getMetaInfo();
    OFString v;
    if (ds->findAndGetOFString(DCM_SOPClassUID, v).good() && !v.empty()) f.sopClass = v.c_str();
    else if (meta->findAndGetOFString(DCM_MediaStorageSOPClassUID, v).good()) f.sopClass = v.c_str();
    if (ds->findAndGetOFString(DCM_SOPInstanceUID, v).good() && !v.empty()) f.sopInstance = v.c_str();
    else if (meta->findAndGetOFString(DCM_MediaStorageSOPInstanceUID, v).good()) f.sopInstance = v.c_str();
    E_TransferSyntax xfer = ds->getOriginalXfer();
    if (xfer != EXS_Unknown) f.transferSyntax = DcmXfer(xfer).getXferID();
    if (f.sopClass.empty() || f.sopInstance.empty()) f.error = path + ": no SOP Class UID or SOP Instance UID";
    else if (f.transferSyntax.empty()) f.error = path + ": unknown transfer syntax";
    return f;
}

std::vector<Proposal> proposalsFor(const std::vector<Outgoing> &files, size_t from, bool fallback, size_t &end) {
    std::vector<Proposal> out;
    std::set<std::pair<std::string, std::string>> seen;
    size_t i = from;
    for (; i < files.size(); ++i) {
        const Outgoing &f = files[i];
        if (!f.ok()) continue;
        auto key = std::make_pair(f.sopClass, f.transferSyntax);
        if (seen.count(key)) continue;
        if (out.size() == 128) break;  // PS3.8: at most 128 presentation contexts
        seen.insert(key);
        Proposal p{f.sopClass, {f.transferSyntax}};
        if (fallback && canSendAs(f.transferSyntax, UID_LittleEndianExplicitTransferSyntax)) {
            for (const char *ts : {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax})
                if (f.transferSyntax != ts) p.transferSyntaxes.push_back(ts);
        }
        out.push_back(p);
    }
    end = i;
    return out;
}

Endpoint endpointOf(const pgd_scu_config *c) {
    Endpoint e;
    e.host = c->host ? c->host : "";
    e.port = c->port;
    e.calledAE = c->called_ae ? c->called_ae : "ANY-SCP";
    e.callingAE = c->calling_ae ? c->calling_ae : "PHOTOGATE";
    if (c->max_pdu) e.maxPdu = c->max_pdu;
    if (c->connect_timeout_s) e.connectTimeout = c->connect_timeout_s;
    if (c->acse_timeout_s) e.acseTimeout = c->acse_timeout_s;
    if (c->dimse_timeout_s) e.dimseTimeout = c->dimse_timeout_s;
    if (c->implementation_class_uid) e.implementationUID = c->implementation_class_uid;
    if (c->implementation_version) e.implementationVersion = c->implementation_version;
    return e;
}

// ---- Requestor -----------------------------------------------------------------------

Requestor::~Requestor() {
    if (assoc_) abort();
    destroy();
}

void Requestor::destroy() {
    if (assoc_) ASC_destroyAssociation(&assoc_);
    if (net_) ASC_dropNetwork(&net_);
}

void Requestor::release() {
    if (assoc_ && ASC_releaseAssociation(assoc_).bad()) ASC_abortAssociation(assoc_);
    destroy();
}

void Requestor::abort() {
    if (assoc_) ASC_abortAssociation(assoc_);
    destroy();
}

static void describeReject(const T_ASC_RejectParameters &rj, char *buf, size_t cap) {
    const char *why = "no reason given";
    switch (rj.reason) {
        case ASC_REASON_SU_APPCONTEXTNAMENOTSUPPORTED: why = "application context name not supported"; break;
        case ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED: why = "calling AE title not recognised"; break;
        case ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED: why = "called AE title not recognised"; break;
        case ASC_REASON_SP_ACSE_PROTOCOLVERSIONNOTSUPPORTED: why = "protocol version not supported"; break;
        case ASC_REASON_SP_PRES_TEMPORARYCONGESTION: why = "temporary congestion"; break;
        case ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED: why = "local limit exceeded"; break;
        default: break;
    }
    snprintf(buf, cap, "%s, %s", rj.result == ASC_RESULT_REJECTEDTRANSIENT ? "transient" : "permanent", why);
}

int Requestor::open(const Endpoint &e, const std::vector<Proposal> &contexts, pgd_reject *rejected,
                    pgd_error *err) {
    destroy();
    if (e.host.empty() || e.port == 0) return fail(err, PGD_E_ARG, "peer host and port required");
    if (contexts.empty()) return fail(err, PGD_E_ARG, "no presentation context to propose");
    OFCondition c = ASC_initializeNetwork(NET_REQUESTOR, 0, int(e.acseTimeout), &net_);
    if (c.bad()) return fail(err, PGD_E_NET, "cannot initialise the network: %s", c.text());
    T_ASC_Parameters *params = nullptr;
    c = ASC_createAssociationParameters(&params, long(e.maxPdu));
    if (c.bad()) {
        destroy();
        return fail(err, PGD_E_NET, "cannot create association parameters: %s", c.text());
    }
    if (!e.implementationUID.empty())
        OFStandard::strlcpy(params->ourImplementationClassUID, e.implementationUID.c_str(),
                            sizeof params->ourImplementationClassUID);
    if (!e.implementationVersion.empty())
        OFStandard::strlcpy(params->ourImplementationVersionName, e.implementationVersion.c_str(),
                            sizeof params->ourImplementationVersionName);
    ASC_setAPTitles(params, e.callingAE.c_str(), e.calledAE.c_str(), NULL);
    std::string peer = e.host + ":" + std::to_string(e.port);
    ASC_setPresentationAddresses(params, "localhost", peer.c_str());
    T_ASC_PresentationContextID id = 1;
    for (const Proposal &p : contexts) {
        std::vector<const char *> ts;
        for (const std::string &t : p.transferSyntaxes) ts.push_back(t.c_str());
        c = ASC_addPresentationContext(params, id, p.sopClass.c_str(), ts.data(), int(ts.size()));
        if (c.bad()) {
            ASC_destroyAssociationParameters(&params);
            destroy();
            return fail(err, PGD_E_ARG, "cannot propose %s: %s", p.sopClass.c_str(), c.text());
        }
        id = T_ASC_PresentationContextID(id + 2);
    }
    // DUL_NOBLOCK: the TCP connect gives up after connectTimeout.
    c = ASC_requestAssociation(net_, params, &assoc_, NULL, NULL, DUL_NOBLOCK, int(e.connectTimeout));
    if (c.bad()) {
        int code = PGD_E_NET;
        if (c == DUL_ASSOCIATIONREJECTED) {
            T_ASC_RejectParameters rj;
            ASC_getRejectParameters(params, &rj);
            if (rejected) {
                rejected->result = uint8_t(rj.result);
                rejected->source = uint8_t(rj.source);
                rejected->reason = uint8_t(rj.reason & 0xFF);
            }
            char why[128];
            describeReject(rj, why, sizeof why);
            fail(err, code = PGD_E_REJECTED, "%s at %s rejected the association (%s)", e.calledAE.c_str(),
                 peer.c_str(), why);
        } else if (c.module() == OFM_dcmnet && (c.code() == DULC_TCPINITERROR || c.code() == DULC_UNKNOWNHOST)) {
            fail(err, code = PGD_E_UNREACHABLE, "cannot connect to %s: %s", peer.c_str(), c.text());
        } else {
            fail(err, code, "association with %s at %s failed: %s", e.calledAE.c_str(), peer.c_str(), c.text());
        }
        if (!assoc_) ASC_destroyAssociationParameters(&params);
        destroy();  // never established: nothing to abort
        return code;
    }
    setReceiveTimeout(assoc_, e.dimseTimeout);
    if (ASC_countAcceptedPresentationContexts(params) == 0) {
        release();
        return fail(err, PGD_E_NO_CONTEXT, "%s at %s accepted none of the %zu proposed presentation contexts",
                    e.calledAE.c_str(), peer.c_str(), contexts.size());
    }
    return pgd::ok(err);
}

// ---- sending -------------------------------------------------------------------------

// DcmTransportConnection::getSocket() is protected; a derived class may name it, and the
// member pointer it yields can be used on any connection. Never instantiated.
class SocketOf : public DcmTransportConnection {
public:
    static DcmNativeSocketType get(DcmTransportConnection *c) {
        DcmNativeSocketType (DcmTransportConnection::*socket)() = &SocketOf::getSocket;
        return (c->*socket)();
    }
};

void setReceiveTimeout(T_ASC_Association *assoc, uint32_t seconds) {
    DcmTransportConnection *connection = assoc ? DUL_getTransportConnection(assoc->DULassociation) : NULL;
    if (!connection) return;
    struct timeval tv;
    tv.tv_sec = time_t(seconds);
    tv.tv_usec = 0;
    setsockopt(int(SocketOf::get(connection)), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

T_ASC_PresentationContextID contextFor(T_ASC_Association *assoc, const Outgoing &f, bool peerIsStorageSCP) {
    T_ASC_PresentationContextID fallback = 0;
    int n = ASC_countPresentationContexts(assoc->params);
    for (int i = 0; i < n; ++i) {
        T_ASC_PresentationContext pc;
        if (ASC_getPresentationContext(assoc->params, i, &pc).bad()) continue;
        if (pc.resultReason != ASC_P_ACCEPTANCE || f.sopClass != pc.abstractSyntax) continue;
        if (peerIsStorageSCP && pc.acceptedRole != ASC_SC_ROLE_SCP && pc.acceptedRole != ASC_SC_ROLE_SCUSCP) continue;
        if (f.transferSyntax == pc.acceptedTransferSyntax) return pc.presentationContextID;
        if (!fallback && canSendAs(f.transferSyntax, pc.acceptedTransferSyntax)) fallback = pc.presentationContextID;
    }
    return fallback;
}

OFCondition storeFile(T_ASC_Association *assoc, T_ASC_PresentationContextID pc, const Outgoing &f,
                      uint32_t dimseTimeout, const char *moveOriginatorAE, uint16_t moveOriginatorID,
                      uint16_t &status, T_DIMSE_DetectedCancelParameters *cancel) {
    T_DIMSE_C_StoreRQ req;
    memset(&req, 0, sizeof req);
    req.MessageID = assoc->nextMsgID++;
    OFStandard::strlcpy(req.AffectedSOPClassUID, f.sopClass.c_str(), sizeof req.AffectedSOPClassUID);
    OFStandard::strlcpy(req.AffectedSOPInstanceUID, f.sopInstance.c_str(), sizeof req.AffectedSOPInstanceUID);
    req.DataSetType = DIMSE_DATASET_PRESENT;
    req.Priority = DIMSE_PRIORITY_MEDIUM;
    if (moveOriginatorAE) {
        req.opts = O_STORE_MOVEORIGINATORAETITLE | O_STORE_MOVEORIGINATORID;
        OFStandard::strlcpy(req.MoveOriginatorApplicationEntityTitle, moveOriginatorAE,
                            sizeof req.MoveOriginatorApplicationEntityTitle);
        req.MoveOriginatorID = moveOriginatorID;
    }
    if (cancel) memset(cancel, 0, sizeof *cancel);
    struct stat st;
    long size = stat(f.path.c_str(), &st) == 0 ? long(st.st_size) : 0;
    T_DIMSE_C_StoreRSP rsp;
    memset(&rsp, 0, sizeof rsp);
    DcmDataset *detail = NULL;
    // Sent from the file: DCMTK loads it lazily and copies large values in blocks.
    OFCondition c = DIMSE_storeUser(assoc, pc, &req, f.path.c_str(), NULL, NULL, NULL, DIMSE_NONBLOCKING,
                                    int(dimseTimeout), &rsp, &detail, cancel, size);
    delete detail;
    if (c.good()) status = rsp.DimseStatus;
    return c;
}

}  // namespace net
}  // namespace pgd
