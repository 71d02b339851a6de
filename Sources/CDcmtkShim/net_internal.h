// Shared by the DIMSE networking translation units (pgdcm_net_*.cpp). C++ only.
//
//   pgdcm_net_scp.cpp       listening socket, accept loop, negotiation, C-ECHO, C-STORE
//   pgdcm_net_find.cpp      query identifiers, C-FIND provider
//   pgdcm_net_retrieve.cpp  C-MOVE / C-GET providers and their sub-operations
//   pgdcm_net_send.cpp      outgoing files, association requestor, C-STORE as SCU
//   pgdcm_net_scu.cpp       the one-shot SCU entry points
#pragma once
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmnet/assoc.h"
#include "dcmtk/dcmnet/dimse.h"
#include "dcmtk/dcmdata/dctk.h"
#include "internal.h"
#include <atomic>
#include <string>
#include <vector>

// One SCP: configuration, handlers, the listening network and the counters.
struct pgd_scp {
    std::string aeTitle, incomingDir, implementationUID, implementationVersion;
    std::vector<std::string> storageClasses;  // built-in photo classes + configured ones
    bool loopbackOnly = false;
    uint16_t port = 0;
    uint32_t maxAssociations = 16, maxPdu = 65536, acseTimeout = 5, dimseTimeout = 60;
    pgd_scp_handlers handlers = {};
    T_ASC_Network *net = nullptr;
    std::atomic<bool> stopping{false};
    std::atomic<uint64_t> associations{0}, rejected{0}, stored{0}, failed{0}, sequence{0};
    std::atomic<uint32_t> active{0};
};

namespace pgd {
namespace net {

// ---- transfer syntaxes ---------------------------------------------------------------

// Implicit VR LE, Explicit VR LE or Explicit VR BE: DCMTK re-encodes between them (and from
// Deflated) losslessly, without codecs.
bool isNative(const std::string &ts);
// Whether a data set encoded in `from` can be sent on a context accepted with `to`.
bool canSendAs(const std::string &from, const std::string &to);

// ---- one association served by the SCP (pgdcm_net_scp.cpp) ----------------------------

struct Session {
    pgd_scp *scp;
    T_ASC_Association *assoc;
    std::string callingAE, calledAE, peerIP;
};

// ---- query identifiers (pgdcm_net_find.cpp) ------------------------------------------

struct Query {
    int root = 0;
    bool isMove = false;
    std::string level, moveDestination;
    std::vector<uint32_t> tags;
    std::vector<std::string> values;
    std::vector<pgd_attr> attrs;  // points into values: build with view()

    // The C view; valid while this Query and the Session live.
    pgd_query view(const Session &s);
};

// Reads the identifier of a C-FIND/C-MOVE/C-GET on the information model `sopClass`.
// Returns 0, or the failure status to answer with (0xA900: level missing or not valid for
// the root, PS3.4 C.4.1.1.4 / C.4.2.1.4).
uint16_t parseQuery(DcmDataset *identifier, const char *sopClass, Query &q);

OFCondition serveFind(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_FindRQ &req);
OFCondition serveMove(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_MoveRQ &req);
OFCondition serveGet(Session &s, T_ASC_PresentationContextID pc, T_DIMSE_C_GetRQ &req);

// ---- outgoing files and the requestor side (pgdcm_net_send.cpp) ----------------------

// A Part 10 file to send, described by its header (values over 256 bytes stay on disk).
struct Outgoing {
    std::string path, sopClass, sopInstance, transferSyntax, error;
    bool ok() const { return error.empty(); }
};
Outgoing probe(const std::string &path);

struct Proposal {
    std::string sopClass;
    std::vector<std::string> transferSyntaxes;
};

// The presentation contexts for files[from...]: one per SOP class and transfer syntax (with
// the native fallbacks when allowed). Stops before the 128-context limit (PS3.8 9.3.2.2:
// odd IDs 1..255); `end` is the first file not covered.
std::vector<Proposal> proposalsFor(const std::vector<Outgoing> &files, size_t from, bool fallback, size_t &end);

struct Endpoint {
    std::string host, calledAE, callingAE, implementationUID, implementationVersion;
    uint16_t port = 0;
    uint32_t maxPdu = 65536, connectTimeout = 10, acseTimeout = 30, dimseTimeout = 60;
};
Endpoint endpointOf(const pgd_scu_config *config);

// An association we requested; released or aborted when it goes out of scope.
class Requestor {
public:
    Requestor() = default;
    Requestor(const Requestor &) = delete;
    Requestor &operator=(const Requestor &) = delete;
    ~Requestor();

    // PGD_OK, or PGD_E_UNREACHABLE / PGD_E_REJECTED (fills rejected) / PGD_E_NO_CONTEXT /
    // PGD_E_NET with err filled.
    int open(const Endpoint &e, const std::vector<Proposal> &contexts, pgd_reject *rejected, pgd_error *err);
    void release();  // A-RELEASE-RQ, then drop
    void abort();    // A-ABORT, then drop
    T_ASC_Association *assoc() const { return assoc_; }
    bool isOpen() const { return assoc_ != nullptr; }

private:
    void destroy();
    T_ASC_Network *net_ = nullptr;
    T_ASC_Association *assoc_ = nullptr;
};

// The accepted context that can carry f: its own transfer syntax, else a native one when f
// can be re-encoded. peerIsStorageSCP: the peer must have taken the SCP role (C-GET,
// PS3.4 C.4.3.2). 0 when there is none.
T_ASC_PresentationContextID contextFor(T_ASC_Association *assoc, const Outgoing &f, bool peerIsStorageSCP);

// SO_RCVTIMEO of an association's socket. DCMTK reads a PDU body with blocking reads, so a
// peer that stops mid-PDU holds the reader until this timeout (not the ACSE/DIMSE one).
void setReceiveTimeout(T_ASC_Association *assoc, uint32_t seconds);

// Sends f with C-STORE on context pc and waits for the response. moveOriginatorAE non-NULL:
// a C-MOVE sub-operation. cancel non-NULL: a C-CANCEL arriving meanwhile is reported there.
OFCondition storeFile(T_ASC_Association *assoc, T_ASC_PresentationContextID pc, const Outgoing &f,
                      uint32_t dimseTimeout, const char *moveOriginatorAE, uint16_t moveOriginatorID,
                      uint16_t &status, T_DIMSE_DetectedCancelParameters *cancel);

}  // namespace net
}  // namespace pgd
