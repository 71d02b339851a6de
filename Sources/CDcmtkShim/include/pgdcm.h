/*
 * pgdcm.h - plain C API over DCMTK 3.6.7 (Debian libdcmtk-dev) for PhotoGate.
 *
 * This is the only place in PhotoGate that includes DCMTK headers.
 *  - No C++ type crosses this boundary; strings are NUL-terminated UTF-8 owned by the
 *    caller and valid for the call only.
 *  - Every fallible call returns PGD_OK (0) or a PGD_E_* code and fills the caller's
 *    pgd_error with a one-line message.
 *  - No C++ exception escapes: every entry point has a catch-all.
 */
#ifndef PGDCM_H
#define PGDCM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PGD_OK 0
#define PGD_E_ARG 1       /* bad argument */
#define PGD_E_INIT 2      /* data dictionary missing */
#define PGD_E_VALUE 3     /* an attribute value does not fit its VR/VM */
#define PGD_E_IO 4        /* cannot write or read a file */
#define PGD_E_FORMAT 5    /* not a readable DICOM file */
#define PGD_E_INTERNAL 6  /* C++ exception caught */

typedef struct pgd_error {
    int code;
    char message[512];
} pgd_error;

/* Once per process, before any thread exists: turns Nagle off for DICOM sockets unless
 * TCP_NODELAY is already set in the environment, routes DCMTK's own logging to the given
 * level (0 trace .. 5 fatal, 6 off), loads the data dictionary (dict_path NULL = DCMTK's
 * default, DCMDICTPATH) and fails when no dictionary could be loaded. */
int pgd_init(const char *dict_path, int log_level, pgd_error *err);

/* One top-level attribute: tag = (group << 16) | element, value in DICOM string form
 * (multiple values separated by '\'); "" = present but empty (type 2). */
typedef struct pgd_attr {
    uint32_t tag;
    const char *value;
} pgd_attr;

/* A coded entry (Code Sequence Macro). */
typedef struct pgd_code {
    const char *value;
    const char *scheme;
    const char *meaning;
} pgd_code;

/* The pixel data of a VL Photographic Image: an encapsulated baseline JPEG held in a file
 * (jpeg_path) or in memory (jpeg_data) - its length must be even: pad with one 0x00 after
 * EOI - or native 8-bit interleaved samples in memory. */
typedef struct pgd_pixels {
    uint16_t rows, columns;
    uint8_t samples;              /* 1 or 3 */
    const char *photometric;      /* MONOCHROME2, RGB, YBR_FULL_422 */
    const char *jpeg_path;        /* encapsulated JPEG Baseline streamed from this file, or NULL */
    uint64_t jpeg_length;         /* bytes in jpeg_path or jpeg_data (even) */
    const uint8_t *jpeg_data;     /* encapsulated JPEG Baseline in memory, or NULL */
    const char *lossy_ratio;      /* Lossy Image Compression Ratio for JPEG, e.g. "9.52" */
    const uint8_t *native;        /* native pixels when there is no JPEG */
    size_t native_length;
    const uint8_t *icc;           /* ICC profile for (0028,2000), or NULL */
    size_t icc_length;
} pgd_pixels;

/* Writes a VL Photographic Image (SOP Class 1.2.840.10008.5.1.4.1.1.77.1.4) Part 10 file
 * to out_path (the caller renames it into place). The shim owns SOP Class UID, the Image
 * Pixel module, Lossy Image Compression, the (empty) Acquisition Context Sequence and the
 * file meta information; everything else comes from attrs (validated against the data
 * dictionary: a bad value fails with PGD_E_VALUE naming the attribute).
 * anatomic_region may be NULL. implementation_uid / version_name identify PhotoGate in
 * the file meta information. */
int pgd_write_vl_photo(const pgd_attr *attrs, size_t n_attrs, const pgd_code *anatomic_region,
                       const pgd_pixels *pixels, const char *implementation_uid,
                       const char *implementation_version, const char *out_path, pgd_error *err);

/* ---- reading ------------------------------------------------------------------------ */

typedef struct pgd_file pgd_file;

/* Opens a Part 10 file (or a bare data set); values over 4 KiB stay on disk until asked for. */
int pgd_open(const char *path, pgd_file **out, pgd_error *err);
void pgd_close(pgd_file *file);

/* Value of a top-level attribute (group 0002 is read from the meta header) in string form,
 * or of an attribute inside item `item` (0-based) of sequence `seq_tag` when seq_tag != 0.
 * Returns 1 and fills buf when present (truncated to cap-1 bytes), 0 when absent. */
int pgd_get_string(pgd_file *file, uint32_t seq_tag, uint32_t item, uint32_t tag, char *buf, size_t cap);

/* Length in bytes of a top-level attribute value; returns 0 when absent. */
int pgd_get_length(pgd_file *file, uint32_t tag, uint64_t *length);

/* Encapsulated pixel data: number of fragments (without the Basic Offset Table) and their
 * total length. Returns 0 when the pixel data is native or absent. */
int pgd_pixel_fragments(pgd_file *file, uint32_t *fragments, uint64_t *bytes);

/* Copies fragment `index` (0-based, not counting the Basic Offset Table); free with pgd_free. */
int pgd_copy_fragment(pgd_file *file, uint32_t index, uint8_t **out, size_t *length, pgd_error *err);

/* Copies native pixel data; free with pgd_free. */
int pgd_copy_native_pixels(pgd_file *file, uint8_t **out, size_t *length, pgd_error *err);

/* Length of fragment `index` (0-based); returns 0 when there is no such fragment. */
int pgd_fragment_length(pgd_file *file, uint32_t index, uint64_t *length);

/* Copies up to `cap` bytes of fragment `index` from byte `offset` into buf without loading the
 * whole value (large values stay on disk); *got = 0 at the end. */
int pgd_read_fragment(pgd_file *file, uint32_t index, uint64_t offset, uint8_t *buf, size_t cap, size_t *got,
                      pgd_error *err);

void pgd_free(void *p);

/* The dictionary keyword of a tag (e.g. "PatientName"), or "" when unknown. */
void pgd_tag_keyword(uint32_t tag, char *buf, size_t cap);

/* The name DCMTK knows for a UID (e.g. "VLPhotographicImageStorage"), or "" when unknown. */
void pgd_uid_name(const char *uid, char *buf, size_t cap);

/* The dictionary VR of a tag (e.g. "PN"), or "" when unknown. */
void pgd_tag_vr(uint32_t tag, char *buf, size_t cap);

/* ---- editing and DICOM JSON (pgdcm_edit.cpp) ----------------------------------------- */

/* Copies in_path to out_path with the attributes in `set` put at the top level ("" = empty)
 * and, when fragment is not NULL, the encapsulated pixel data replaced by that one fragment
 * (empty Basic Offset Table, padded to even length). Transfer syntax, SOP Instance UID and
 * every other attribute stay as they were. */
int pgd_rewrite(const char *in_path, const pgd_attr *set, size_t n_set, const uint8_t *fragment,
                size_t fragment_length, const char *out_path, pgd_error *err);

/* As pgd_rewrite, with the new fragment streamed from the file fragment_path (its length must
 * be even: pad with one 0x00) instead of memory. */
int pgd_rewrite_fragment_file(const char *in_path, const pgd_attr *set, size_t n_set, const char *fragment_path,
                              uint64_t fragment_length, const char *out_path, pgd_error *err);

/* The data set as DICOM JSON (PS3.18 F.2). When bulk_base is not NULL, Pixel Data, ICC
 * Profile and Encapsulated Document become BulkDataURI "<bulk_base>/bulkdata/<ggggeeee>";
 * otherwise they are InlineBinary. Free *out with pgd_free. DCMTK 3.6.7 writes DS/IS values as
 * they are stored, which can be invalid JSON numbers ("3.", "+1"): DICOMweb builds its JSON
 * from pgd_walk instead. */
int pgd_to_json(const char *path, const char *bulk_base, char **out, size_t *length, pgd_error *err);

/* ---- DICOM JSON walk and bulk data (pgdcm_walk.cpp) ----------------------------------- */

#define PGD_EL_VALUE 0       /* an element and its value (text, or bytes for binary VRs) */
#define PGD_EL_BULK 1        /* Pixel Data, or a top-level binary value over inline_max: length only */
#define PGD_EL_SEQ_BEGIN 2   /* a sequence starts; its items follow */
#define PGD_EL_ITEM_BEGIN 3
#define PGD_EL_ITEM_END 4
#define PGD_EL_SEQ_END 5

typedef struct pgd_element {
    int kind;             /* PGD_EL_* */
    uint32_t tag;
    char vr[3];           /* e.g. "PN"; "UN" when unknown */
    int depth;            /* 0 = top level; items of a sequence at depth d hold elements at d + 1 */
    const char *text;     /* PGD_EL_VALUE, non-binary VR: the value in string form ('\' between
                             values), UTF-8 where the character set could be converted; valid for
                             the call only */
    const uint8_t *bytes; /* PGD_EL_VALUE, binary VR: the value (little endian) */
    uint64_t length;      /* bytes in text or bytes; for PGD_EL_BULK the value length (0 = encapsulated) */
} pgd_element;

typedef void (*pgd_element_cb)(void *ctx, const pgd_element *element);

/* Walks the data set of a file in order (group lengths left out), calling cb for every
 * element, sequence and item (PS3.18 F.2 needs nothing else). */
int pgd_walk(const char *path, size_t inline_max, pgd_element_cb cb, void *ctx, pgd_error *err);

/* Copies the value of a top-level, not encapsulated, non-sequence attribute (little endian for
 * binary VRs); free with pgd_free. */
int pgd_copy_value(const char *path, uint32_t tag, uint8_t **out, size_t *length, pgd_error *err);

/* The tag of a dictionary keyword (e.g. "PatientID"); returns 1 when known, 0 otherwise
 * (also for repeating-group entries). */
int pgd_tag_for_keyword(const char *keyword, uint32_t *tag);

/* ==== DIMSE networking (pgdcm_net_*.cpp) ============================================== */
/* Association and DIMSE services over DCMTK's dcmnet: a multi-association SCP (C-ECHO,
 * C-STORE, C-FIND, C-MOVE, C-GET) with its own accept loop, and one-shot SCU calls.
 * Timeouts are in seconds. Callbacks run on the SCP's association threads (one thread per
 * association): they must be thread-safe. */

#define PGD_E_NET 7          /* association or DIMSE failure: peer aborted, timeout, protocol error */
#define PGD_E_UNREACHABLE 8  /* TCP connection refused, unreachable or timed out */
#define PGD_E_REJECTED 9     /* the peer rejected the association (A-ASSOCIATE-RJ, see pgd_reject) */
#define PGD_E_NO_CONTEXT 10  /* the peer accepted none of the presentation contexts needed */
#define PGD_E_LISTEN 11      /* cannot bind or listen on the port */

/* DIMSE statuses (PS3.7 Annex C; PS3.4 B.2.3 storage, C.4 query/retrieve). */
#define PGD_STATUS_SUCCESS 0x0000
#define PGD_STATUS_PENDING 0xFF00
#define PGD_STATUS_CANCEL 0xFE00
#define PGD_STATUS_SOP_CLASS_NOT_SUPPORTED 0x0122
#define PGD_STATUS_OUT_OF_RESOURCES 0xA700
#define PGD_STATUS_SUBOPS_OUT_OF_RESOURCES 0xA702  /* retrieve: unable to perform sub-operations */
#define PGD_STATUS_MOVE_DESTINATION_UNKNOWN 0xA801
#define PGD_STATUS_IDENTIFIER_MISMATCH 0xA900      /* data set / identifier does not match SOP class */
#define PGD_STATUS_SUBOPS_WARNING 0xB000           /* retrieve: one or more sub-operations failed */
#define PGD_STATUS_CANNOT_UNDERSTAND 0xC000

/* Association filter decisions (rejections are permanent, source service-user; PS3.8 9.3.4). */
#define PGD_ASSOC_ACCEPT 0
#define PGD_ASSOC_REJECT_CALLING_AE 1  /* reason 3: calling AE title not recognised */
#define PGD_ASSOC_REJECT_CALLED_AE 2   /* reason 7: called AE title not recognised */
#define PGD_ASSOC_REJECT 3             /* reason 1: no reason given */

/* Query/Retrieve information models (PS3.4 C.6.1, C.6.2). */
#define PGD_ROOT_PATIENT 1
#define PGD_ROOT_STUDY 2

/* An A-ASSOCIATE-RJ as received (PS3.8 Table 9-21): result 1 permanent / 2 transient,
 * source 1 service-user / 2 ACSE / 3 presentation, reason as coded for that source. */
typedef struct pgd_reject {
    uint8_t result, source, reason;
} pgd_reject;

/* ---- SCP ---------------------------------------------------------------------------- */

typedef struct pgd_scp pgd_scp;

typedef struct pgd_scp_config {
    const char *ae_title;           /* ours; calling AE title of C-MOVE sub-associations */
    uint16_t port;                  /* 0 = any free port (read it with pgd_scp_port) */
    int loopback_only;              /* listen on 127.0.0.1 only; otherwise on 0.0.0.0 */
    uint32_t max_associations;      /* served at once; 0 -> 16; more: A-ASSOCIATE-RJ transient,
                                       local limit exceeded */
    uint32_t max_pdu;               /* our maximum receive PDU; 0 -> 65536 */
    uint32_t acse_timeout_s;        /* reading an A-ASSOCIATE-RQ happens on the accept thread:
                                       keep it short; 0 -> 5. Also DCMTK's process-wide socket
                                       receive timeout for new connections (a peer stopping
                                       mid-PDU); associations then get dimse_timeout_s */
    uint32_t dimse_timeout_s;       /* waiting for a DIMSE message or an idle association;
                                       0 -> 60 */
    const char *incoming_dir;       /* C-STORE data sets are streamed to files here (required) */
    const char *const *storage_sop_classes;  /* accepted besides VL Photographic, Video
                                                Photographic, Dermoscopic Photography and
                                                Secondary Capture */
    size_t n_storage_sop_classes;
    const char *implementation_class_uid;    /* A-ASSOCIATE-AC; NULL = DCMTK's */
    const char *implementation_version;
} pgd_scp_config;

/* A received C-STORE: the complete Part 10 file (meta header + data set as received) is at
 * file_path, a hidden name in incoming_dir. */
typedef struct pgd_store_event {
    const char *calling_ae, *called_ae, *peer_ip;
    const char *sop_class_uid, *sop_instance_uid, *transfer_syntax_uid;
    const char *file_path;
    uint64_t file_size;
} pgd_store_event;

/* A C-FIND, C-MOVE or C-GET identifier. level is validated against the root (PS3.4 C.6):
 * a missing or unknown level, or PATIENT in the study root, is answered with 0xA900 without
 * calling back. keys: every non-sequence attribute of the identifier except Query/Retrieve
 * Level, in order, in string form ("" = universal match / return key). */
typedef struct pgd_query {
    const char *calling_ae, *called_ae, *peer_ip;
    int root;                        /* PGD_ROOT_* */
    const char *level;               /* PATIENT, STUDY, SERIES or IMAGE */
    const pgd_attr *keys;
    size_t n_keys;
    const char *move_destination;    /* C-MOVE: the Move Destination AE title; else NULL */
} pgd_query;

typedef struct pgd_rows pgd_rows;    /* C-FIND matches being collected */
typedef struct pgd_plan pgd_plan;    /* C-MOVE / C-GET sub-operations being collected */

/* Starts a new C-FIND match; pgd_rows_add adds one attribute to it (Query/Retrieve Level is
 * added by the shim). Tags the dictionary cannot encode with the value are skipped. */
int pgd_rows_next(pgd_rows *rows);
int pgd_rows_add(pgd_rows *rows, uint32_t tag, const char *value);

/* Adds one Part 10 file to send; sets where a C-MOVE sends them (required for C-MOVE). */
int pgd_plan_add_file(pgd_plan *plan, const char *path);
int pgd_plan_set_destination(pgd_plan *plan, const char *host, uint16_t port, const char *ae_title);
/* The plan's files are temporary: the shim deletes them when the C-MOVE/C-GET has ended
 * (also when it was refused, cancelled or the association was lost). */
int pgd_plan_remove_files_after(pgd_plan *plan);

/* Returns PGD_ASSOC_*. */
typedef int (*pgd_assoc_cb)(void *ctx, const char *calling_ae, const char *called_ae, const char *peer_ip);
/* Returns the C-STORE-RSP status; the response is sent after the callback returns. On a
 * status other than success or warning (0xBxxx) the shim deletes the file if still there. */
typedef uint16_t (*pgd_store_cb)(void *ctx, const pgd_store_event *event);
/* Adds matches to rows and returns 0x0000, or a failure status (then rows are ignored). */
typedef uint16_t (*pgd_find_cb)(void *ctx, const pgd_query *query, pgd_rows *rows);
/* Adds the files to send (and for C-MOVE the destination) and returns 0x0000, or a failure
 * status: 0xA801 unknown move destination, 0xA900, 0xC000... More than 65535 files are
 * refused with 0xA701 (the counts are 16-bit). */
typedef uint16_t (*pgd_retrieve_cb)(void *ctx, const pgd_query *query, pgd_plan *plan);

typedef struct pgd_scp_handlers {
    void *ctx;
    pgd_assoc_cb on_association;  /* NULL = accept every association */
    pgd_store_cb on_store;        /* required */
    pgd_find_cb on_find;          /* NULL = C-FIND contexts refused */
    pgd_retrieve_cb on_retrieve;  /* NULL = C-MOVE and C-GET contexts refused */
} pgd_scp_handlers;

typedef struct pgd_scp_counters {
    uint64_t associations;  /* accepted */
    uint64_t rejected;      /* rejected by the filter or the association limit */
    uint64_t stored;        /* C-STOREs answered with success or warning */
    uint64_t failed;        /* C-STOREs answered with a failure or lost mid-transfer */
    uint32_t active;        /* associations being served now */
} pgd_scp_counters;

/* What the SCP negotiates (for the conformance statement): fills out[0..<cap] with UIDs and
 * returns how many there are. */
#define PGD_CAP_STORAGE_CLASSES 0  /* storage SOP classes accepted before configured ones */
#define PGD_CAP_STORAGE_SYNTAXES 1 /* transfer syntaxes for storage, most preferred first */
#define PGD_CAP_PLAIN_SYNTAXES 2   /* transfer syntaxes for verification and query/retrieve */
#define PGD_CAP_ECHO 3
#define PGD_CAP_FIND 4
#define PGD_CAP_RETRIEVE 5
size_t pgd_scp_capabilities(int which, const char **out, size_t cap);

/* Binds and listens (so the port is known and in use from here on); handlers->ctx must stay
 * valid until pgd_scp_destroy. */
int pgd_scp_create(const pgd_scp_config *config, const pgd_scp_handlers *handlers, pgd_scp **out,
                   pgd_error *err);
/* The bound port (the real one when config->port was 0). */
uint16_t pgd_scp_port(const pgd_scp *scp);
/* The accept loop: blocks the calling thread (use a dedicated thread) until pgd_scp_stop,
 * then closes the port, waits for the association threads and returns. Runs once. */
int pgd_scp_run(pgd_scp *scp, pgd_error *err);
/* Any thread. The listening socket is closed within 1 s; each association finishes the DIMSE
 * operation in progress, acknowledges an A-RELEASE-RQ that follows, and is aborted when the
 * peer starts another operation or stays idle for 1 s. */
void pgd_scp_stop(pgd_scp *scp);
void pgd_scp_stats(const pgd_scp *scp, pgd_scp_counters *out);
/* Only after pgd_scp_run returned (or was never called). */
void pgd_scp_destroy(pgd_scp *scp);

/* ---- SCU (one association per call) ----------------------------------------------- */

typedef struct pgd_scu_config {
    const char *host;
    uint16_t port;
    const char *called_ae;           /* the peer's AE title */
    const char *calling_ae;          /* ours */
    uint32_t max_pdu;                /* 0 -> 65536 */
    uint32_t connect_timeout_s;      /* TCP connect; 0 -> 10 */
    uint32_t acse_timeout_s;         /* A-ASSOCIATE-AC / A-RELEASE-RP; 0 -> 30 */
    uint32_t dimse_timeout_s;        /* each DIMSE response; 0 -> 60 */
    const char *implementation_class_uid;  /* NULL = DCMTK's */
    const char *implementation_version;
} pgd_scu_config;

/* Every call fills *rejected (when not NULL) if it fails with PGD_E_REJECTED. */

int pgd_scu_echo(const pgd_scu_config *config, uint16_t *status, pgd_reject *rejected, pgd_error *err);

typedef struct pgd_store_result {
    uint16_t status;            /* C-STORE-RSP status when sent == 1 */
    uint8_t sent;               /* 1 when a C-STORE-RSP was received */
    char sop_instance_uid[65];
    char message[256];          /* why it was not sent */
} pgd_store_result;

/* Sends the files over one association (more only past 128 presentation contexts). Contexts
 * come from each file's SOP class and transfer syntax; with allow_fallback, files in a native
 * (uncompressed) or deflated encoding also propose Explicit and Implicit VR Little Endian.
 * Compressed files are never transcoded. Returns PGD_OK when the association(s) worked:
 * results[i] tells about paths[i]. */
int pgd_scu_store(const pgd_scu_config *config, const char *const *paths, size_t n, int allow_fallback,
                  pgd_store_result *results, pgd_reject *rejected, pgd_error *err);

/* One C-FIND match: attrs valid for the call only. */
typedef void (*pgd_match_cb)(void *ctx, const pgd_attr *attrs, size_t n);

/* C-FIND at level with the given keys (Query/Retrieve Level is added); *status = the final
 * C-FIND-RSP status. */
int pgd_scu_find(const pgd_scu_config *config, int root, const char *level, const pgd_attr *keys, size_t n_keys,
                 pgd_match_cb on_match, void *ctx, uint16_t *status, pgd_reject *rejected, pgd_error *err);

typedef struct pgd_move_result {
    uint16_t status;            /* final C-MOVE-RSP status */
    uint32_t completed, failed, warning;
} pgd_move_result;

/* C-MOVE to destination_ae (which the peer must know); blocks until the final response. */
int pgd_scu_move(const pgd_scu_config *config, int root, const char *level, const pgd_attr *keys, size_t n_keys,
                 const char *destination_ae, pgd_move_result *result, pgd_reject *rejected, pgd_error *err);

#ifdef __cplusplus
}
#endif

#endif
