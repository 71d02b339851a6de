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

void pgd_free(void *p);

/* The dictionary keyword of a tag (e.g. "PatientName"), or "" when unknown. */
void pgd_tag_keyword(uint32_t tag, char *buf, size_t cap);

/* The name DCMTK knows for a UID (e.g. "VLPhotographicImageStorage"), or "" when unknown. */
void pgd_uid_name(const char *uid, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
