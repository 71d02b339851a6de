// Query identifiers (C-FIND, C-MOVE, C-GET) and the C-FIND provider (PS3.4 C.4.1).
#include "net_internal.h"
#include <memory>

using pgd::fail;
using namespace pgd::net;

// C-FIND matches collected from the handler, one data set per match.
struct pgd_rows {
    std::string level;
    std::vector<DcmDataset *> rows;
    ~pgd_rows() {
        for (DcmDataset *d : rows) delete d;
    }
};

extern "C" int pgd_rows_next(pgd_rows *rows) {
    PGD_GUARD_BEGIN
    if (!rows) return PGD_E_ARG;
    std::unique_ptr<DcmDataset> d(new DcmDataset);
    // PS3.4 C.4.1.1.3.2: every response identifier carries the Query/Retrieve Level.
    d->putAndInsertString(DCM_QueryRetrieveLevel, rows->level.c_str());
    rows->rows.push_back(d.release());
    return PGD_OK;
    PGD_GUARD_END(NULL)
}

extern "C" int pgd_rows_add(pgd_rows *rows, uint32_t tag, const char *value) {
    PGD_GUARD_BEGIN
    if (!rows || rows->rows.empty()) return PGD_E_ARG;
    DcmTag t(uint16_t(tag >> 16), uint16_t(tag & 0xFFFF));
    if (t == DCM_QueryRetrieveLevel) return PGD_OK;  // set by pgd_rows_next
    DcmEVR vr = t.getEVR();
    if (t.getGroup() <= 0x0002 || vr == EVR_SQ || vr == EVR_UNKNOWN || vr == EVR_UN) return PGD_E_VALUE;
    return rows->rows.back()->putAndInsertString(t, value ? value : "", OFTrue).good() ? PGD_OK : PGD_E_VALUE;
    PGD_GUARD_END(NULL)
}

extern "C" void pgd_tag_vr(uint32_t tag, char *buf, size_t cap) {
    try {
        DcmTag t(uint16_t(tag >> 16), uint16_t(tag & 0xFFFF));
        DcmEVR vr = t.getEVR();
        pgd::copyOut(vr == EVR_UNKNOWN || vr == EVR_UNKNOWN2B ? "" : DcmVR(vr).getVRName(), buf, cap);
    } catch (...) {
        pgd::copyOut("", buf, cap);
    }
}

namespace pgd {
namespace net {

pgd_query Query::view(const Session &s) {
    attrs.clear();
    for (size_t i = 0; i < tags.size(); ++i) attrs.push_back(pgd_attr{tags[i], values[i].c_str()});
    pgd_query v;
    v.calling_ae = s.callingAE.c_str();
    v.called_ae = s.calledAE.c_str();
    v.peer_ip = s.peerIP.c_str();
    v.root = root;
    v.level = level.c_str();
    v.keys = attrs.data();
    v.n_keys = attrs.size();
    v.move_destination = isMove ? moveDestination.c_str() : NULL;
    return v;
}

uint16_t parseQuery(DcmDataset *ids, const char *sopClass, Query &q) {
    static const char *const patientRoot[] = {UID_FINDPatientRootQueryRetrieveInformationModel,
                                              UID_MOVEPatientRootQueryRetrieveInformationModel,
                                              UID_GETPatientRootQueryRetrieveInformationModel};
    static const char *const studyRoot[] = {UID_FINDStudyRootQueryRetrieveInformationModel,
                                            UID_MOVEStudyRootQueryRetrieveInformationModel,
                                            UID_GETStudyRootQueryRetrieveInformationModel};
    q.root = 0;
    for (const char *uid : patientRoot)
        if (strcmp(sopClass, uid) == 0) q.root = PGD_ROOT_PATIENT;
    for (const char *uid : studyRoot)
        if (strcmp(sopClass, uid) == 0) q.root = PGD_ROOT_STUDY;
    if (q.root == 0) return STATUS_FIND_Refused_SOPClassNotSupported;
    if (!ids) return STATUS_FIND_Error_DataSetDoesNotMatchSOPClass;
    OFString level;
    if (ids->findAndGetOFString(DCM_QueryRetrieveLevel, level).bad() || level.empty())
        return STATUS_FIND_Error_DataSetDoesNotMatchSOPClass;
    // PS3.4 C.6.1.1 / C.6.2.1: the levels of each information model.
    bool known = level == "STUDY" || level == "SERIES" || level == "IMAGE" ||
                 (level == "PATIENT" && q.root == PGD_ROOT_PATIENT);
    if (!known) return STATUS_FIND_Error_DataSetDoesNotMatchSOPClass;
    q.level = level.c_str();
    for (unsigned long i = 0; i < ids->card(); ++i) {
        DcmElement *el = ids->getElement(i);
        if (!el) continue;
        const DcmTag &tag = el->getTag();
        // Sequence matching (PS3.4 C.2.2.2.6) is not offered: such keys are left out.
        if (tag == DCM_QueryRetrieveLevel || tag.getGroup() <= 0x0002 || el->ident() == EVR_SQ) continue;
        OFString value;
        if (el->getOFStringArray(value).bad()) value.clear();
        q.tags.push_back((uint32_t(tag.getGroup()) << 16) | tag.getElement());
        q.values.push_back(value.c_str());
    }
    return 0;
}

namespace {

struct FindContext {
    Session *session;
    pgd_rows rows;
    size_t next = 0;
    bool started = false;
};

// DIMSE_findProvider calls this once per response (after checking for a C-CANCEL-RQ):
// the first call asks the handler for every match, each call hands one match out as a
// pending response, and the last one ends with success. DCMTK deletes what it is given.
void findStep(void *data, OFBool cancelled, T_DIMSE_C_FindRQ *req, DcmDataset *ids, int, T_DIMSE_C_FindRSP *rsp,
              DcmDataset **rspIds, DcmDataset **) {
    FindContext *ctx = static_cast<FindContext *>(data);
    *rspIds = NULL;
    if (cancelled) {  // PS3.4 C.4.1.2.3: no identifier with the cancel response
        rsp->DimseStatus = STATUS_FIND_Cancel_MatchingTerminatedDueToCancelRequest;
        return;
    }
    if (!ctx->started) {
        ctx->started = true;
        Query q;
        uint16_t status = parseQuery(ids, req->AffectedSOPClassUID, q);
        if (status == 0) {
            pgd_scp *scp = ctx->session->scp;
            ctx->rows.level = q.level;
            pgd_query view = q.view(*ctx->session);
            status = scp->handlers.on_find(scp->handlers.ctx, &view, &ctx->rows);
        }
        if (status != STATUS_Success) {
            rsp->DimseStatus = status;
            return;
        }
    }
    if (ctx->next < ctx->rows.rows.size()) {
        *rspIds = ctx->rows.rows[ctx->next];
        ctx->rows.rows[ctx->next++] = NULL;
        rsp->DimseStatus = STATUS_FIND_Pending_MatchesAreContinuing;
    } else {
        rsp->DimseStatus = STATUS_Success;
    }
}

}  // namespace

OFCondition serveFind(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_FindRQ &req) {
    FindContext ctx;
    ctx.session = &s;
    if (!s.scp->handlers.on_find) return DIMSE_BADCOMMANDTYPE;  // contexts were refused
    return DIMSE_findProvider(s.assoc, pc, &req, findStep, &ctx, DIMSE_NONBLOCKING, int(s.scp->dimseTimeout));
}

}  // namespace net
}  // namespace pgd
