// The SCU entry points: C-ECHO, C-STORE of files, C-FIND, C-MOVE; one association per call.
#include "net_internal.h"

using pgd::fail;
using namespace pgd::net;

namespace {

const char *modelFor(int root, bool move) {
    if (root == PGD_ROOT_PATIENT)
        return move ? UID_MOVEPatientRootQueryRetrieveInformationModel : UID_FINDPatientRootQueryRetrieveInformationModel;
    if (root == PGD_ROOT_STUDY)
        return move ? UID_MOVEStudyRootQueryRetrieveInformationModel : UID_FINDStudyRootQueryRetrieveInformationModel;
    return NULL;
}

std::vector<Proposal> plainContext(const char *sopClass) {
    return {Proposal{sopClass, {UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax}}};
}

// The identifier: Query/Retrieve Level, then the keys (PS3.4 C.4.1.1.3.1).
int buildIdentifier(DcmDataset &ids, const char *level, const pgd_attr *keys, size_t n, pgd_error *err) {
    if (!level || !*level) return fail(err, PGD_E_ARG, "query level required");
    ids.putAndInsertString(DCM_QueryRetrieveLevel, level);
    for (size_t i = 0; i < n; ++i) {
        DcmTag t(uint16_t(keys[i].tag >> 16), uint16_t(keys[i].tag & 0xFFFF));
        if (t.getEVR() == EVR_UNKNOWN || t.getEVR() == EVR_UN || t.getEVR() == EVR_SQ)
            return fail(err, PGD_E_ARG, "(%04X,%04X) cannot be a query key", t.getGroup(), t.getElement());
        OFCondition c = ids.putAndInsertString(t, keys[i].value ? keys[i].value : "", OFTrue);
        if (c.bad())
            return fail(err, PGD_E_VALUE, "%s (%04X,%04X): %s", t.getTagName(), t.getGroup(), t.getElement(), c.text());
    }
    return PGD_OK;
}

int lost(Requestor &r, const char *what, const Endpoint &e, OFCondition c, pgd_error *err) {
    r.abort();
    return fail(err, PGD_E_NET, "%s with %s at %s:%u failed: %s", what, e.calledAE.c_str(), e.host.c_str(),
                unsigned(e.port), c.text());
}

struct MatchSink {
    pgd_match_cb onMatch;
    void *ctx;
};

void matchReceived(void *data, T_DIMSE_C_FindRQ *, int, T_DIMSE_C_FindRSP *, DcmDataset *ids) {
    MatchSink *sink = static_cast<MatchSink *>(data);
    if (!sink->onMatch || !ids) return;
    std::vector<uint32_t> tags;
    std::vector<std::string> values;
    for (unsigned long i = 0; i < ids->card(); ++i) {
        DcmElement *el = ids->getElement(i);
        if (!el || el->ident() == EVR_SQ) continue;
        OFString v;
        if (el->getOFStringArray(v).bad()) v.clear();
        tags.push_back((uint32_t(el->getTag().getGroup()) << 16) | el->getTag().getElement());
        values.push_back(v.c_str());
    }
    std::vector<pgd_attr> attrs;
    for (size_t i = 0; i < tags.size(); ++i) attrs.push_back(pgd_attr{tags[i], values[i].c_str()});
    sink->onMatch(sink->ctx, attrs.data(), attrs.size());
}

void note(pgd_store_result &r, const std::string &why) {
    OFStandard::strlcpy(r.message, why.c_str(), sizeof r.message);
}

}  // namespace

extern "C" int pgd_scu_echo(const pgd_scu_config *cfg, uint16_t *status, pgd_reject *rejected, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!cfg) return fail(err, PGD_E_ARG, "configuration required");
    Endpoint e = endpointOf(cfg);
    Requestor r;
    int rc = r.open(e, plainContext(UID_VerificationSOPClass), rejected, err);
    if (rc != PGD_OK) return rc;
    DIC_US st = 0;
    DcmDataset *detail = NULL;
    OFCondition c = DIMSE_echoUser(r.assoc(), r.assoc()->nextMsgID++, DIMSE_NONBLOCKING, int(e.dimseTimeout), &st,
                                   &detail);
    delete detail;
    if (c.bad()) return lost(r, "C-ECHO", e, c, err);
    r.release();
    if (status) *status = st;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_scu_store(const pgd_scu_config *cfg, const char *const *paths, size_t n, int allow_fallback,
                             pgd_store_result *results, pgd_reject *rejected, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!cfg || (n && (!paths || !results))) return fail(err, PGD_E_ARG, "configuration, paths and results required");
    Endpoint e = endpointOf(cfg);
    std::vector<Outgoing> files;
    for (size_t i = 0; i < n; ++i) {
        memset(&results[i], 0, sizeof results[i]);
        files.push_back(probe(paths[i] ? paths[i] : ""));
        OFStandard::strlcpy(results[i].sop_instance_uid, files[i].sopInstance.c_str(), sizeof results[i].sop_instance_uid);
        if (!files[i].ok()) note(results[i], files[i].error);
    }
    bool sentAny = false;
    int openFailure = PGD_OK;
    pgd_error openError;
    size_t from = 0;
    while (from < n) {
        size_t end = from;
        std::vector<Proposal> contexts = proposalsFor(files, from, allow_fallback != 0, end);
        if (contexts.empty()) break;  // only unreadable files remain
        Requestor r;
        int rc = r.open(e, contexts, rejected, &openError);
        if (rc != PGD_OK) {
            openFailure = rc;
            for (size_t i = from; i < end; ++i)
                if (files[i].ok()) note(results[i], openError.message);
            from = end;
            continue;
        }
        sentAny = true;
        for (size_t i = from; i < end; ++i) {
            const Outgoing &f = files[i];
            if (!f.ok()) continue;
            T_ASC_PresentationContextID pc = contextFor(r.assoc(), f, false);
            if (pc == 0) {
                note(results[i], "the peer accepted no presentation context for " + f.sopClass + " in " +
                                     f.transferSyntax);
                continue;
            }
            uint16_t status = 0;
            OFCondition c = storeFile(r.assoc(), pc, f, e.dimseTimeout, NULL, 0, status, NULL);
            if (c.bad()) {  // the association is gone: the rest of this batch is not sent
                for (size_t j = i; j < end; ++j)
                    if (files[j].ok()) note(results[j], std::string("association lost: ") + c.text());
                r.abort();
                break;
            }
            results[i].sent = 1;
            results[i].status = status;
        }
        if (r.isOpen()) r.release();
        from = end;
    }
    if (!sentAny && openFailure != PGD_OK) {
        if (err) *err = openError;
        return openFailure;
    }
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_scu_find(const pgd_scu_config *cfg, int root, const char *level, const pgd_attr *keys,
                            size_t n_keys, pgd_match_cb on_match, void *ctx, uint16_t *status, pgd_reject *rejected,
                            pgd_error *err) {
    PGD_GUARD_BEGIN
    const char *model = modelFor(root, false);
    if (!cfg || !model || (n_keys && !keys)) return fail(err, PGD_E_ARG, "configuration, root and keys required");
    DcmDataset ids;
    int rc = buildIdentifier(ids, level, keys, n_keys, err);
    if (rc != PGD_OK) return rc;
    Endpoint e = endpointOf(cfg);
    Requestor r;
    rc = r.open(e, plainContext(model), rejected, err);
    if (rc != PGD_OK) return rc;
    T_DIMSE_C_FindRQ req;
    memset(&req, 0, sizeof req);
    req.MessageID = r.assoc()->nextMsgID++;
    OFStandard::strlcpy(req.AffectedSOPClassUID, model, sizeof req.AffectedSOPClassUID);
    req.DataSetType = DIMSE_DATASET_PRESENT;
    req.Priority = DIMSE_PRIORITY_MEDIUM;
    T_DIMSE_C_FindRSP rsp;
    memset(&rsp, 0, sizeof rsp);
    DcmDataset *detail = NULL;
    int responses = 0;
    MatchSink sink{on_match, ctx};
    OFCondition c = DIMSE_findUser(r.assoc(), ASC_findAcceptedPresentationContextID(r.assoc(), model), &req, &ids,
                                   responses, matchReceived, &sink, DIMSE_NONBLOCKING, int(e.dimseTimeout), &rsp,
                                   &detail);
    delete detail;
    if (c.bad()) return lost(r, "C-FIND", e, c, err);
    r.release();
    if (status) *status = rsp.DimseStatus;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_scu_move(const pgd_scu_config *cfg, int root, const char *level, const pgd_attr *keys,
                            size_t n_keys, const char *destination_ae, pgd_move_result *result, pgd_reject *rejected,
                            pgd_error *err) {
    PGD_GUARD_BEGIN
    const char *model = modelFor(root, true);
    if (!cfg || !model || !destination_ae || !*destination_ae || (n_keys && !keys))
        return fail(err, PGD_E_ARG, "configuration, root, keys and destination required");
    DcmDataset ids;
    int rc = buildIdentifier(ids, level, keys, n_keys, err);
    if (rc != PGD_OK) return rc;
    Endpoint e = endpointOf(cfg);
    Requestor r;
    rc = r.open(e, plainContext(model), rejected, err);
    if (rc != PGD_OK) return rc;
    T_DIMSE_C_MoveRQ req;
    memset(&req, 0, sizeof req);
    req.MessageID = r.assoc()->nextMsgID++;
    OFStandard::strlcpy(req.AffectedSOPClassUID, model, sizeof req.AffectedSOPClassUID);
    OFStandard::strlcpy(req.MoveDestination, destination_ae, sizeof req.MoveDestination);
    req.DataSetType = DIMSE_DATASET_PRESENT;
    req.Priority = DIMSE_PRIORITY_MEDIUM;
    T_DIMSE_C_MoveRSP rsp;
    memset(&rsp, 0, sizeof rsp);
    DcmDataset *detail = NULL, *rspIds = NULL;
    OFCondition c = DIMSE_moveUser(r.assoc(), ASC_findAcceptedPresentationContextID(r.assoc(), model), &req, &ids,
                                   NULL, NULL, DIMSE_NONBLOCKING, int(e.dimseTimeout), NULL, NULL, NULL, &rsp,
                                   &detail, &rspIds);
    delete detail;
    delete rspIds;
    if (c.bad()) return lost(r, "C-MOVE", e, c, err);
    r.release();
    if (result) {
        result->status = rsp.DimseStatus;
        result->completed = rsp.NumberOfCompletedSubOperations;
        result->failed = rsp.NumberOfFailedSubOperations;
        result->warning = rsp.NumberOfWarningSubOperations;
    }
    return pgd::ok(err);
    PGD_GUARD_END(err)
}
