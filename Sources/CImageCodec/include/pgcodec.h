/*
 * pgcodec.h - plain C API over libturbojpeg and libpng for PhotoGate.
 *
 * - Every fallible call returns PGC_OK (0) or a PGC_E_* code and fills the caller's
 *   pgc_error with a one-line message.
 * - Buffers returned through `out` parameters are malloc'd: release them with pgc_free().
 * - Pixels are interleaved 8-bit samples, rows top to bottom, no padding.
 */
#ifndef PGCODEC_H
#define PGCODEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PGC_OK 0
#define PGC_E_ARG 1
#define PGC_E_NOT_PERFECT 2 /* a lossless transform would leave partial MCUs */
#define PGC_E_DECODE 3
#define PGC_E_ENCODE 4
#define PGC_E_MEMORY 5
#define PGC_E_LIMIT 6       /* image larger than the caller's limit */

typedef struct pgc_error {
    int code;
    char message[256];
} pgc_error;

void pgc_free(void *p);

/* Lossless DCT-domain transform (libjpeg-turbo tjTransform with TJXOPT_PERFECT).
 * op: 0 none, 1 hflip, 2 vflip, 3 transpose, 4 transverse, 5 rot90, 6 rot180, 7 rot270
 * (the TJXOP_* values). Extra markers are copied. Fails with PGC_E_NOT_PERFECT when the
 * image dimensions are not multiples of the MCU size in the direction that matters. */
int pgc_jpeg_transform(const uint8_t *jpeg, size_t len, int op,
                       uint8_t **out, size_t *out_len, pgc_error *err);

/* Decodes any 8-bit JPEG libjpeg-turbo reads (baseline, extended, progressive,
 * arithmetic) to grey (samples 1) or RGB (samples 3). *subsampling receives the
 * chroma subsampling (0 = 4:4:4, 1 = 4:2:2, 2 = 4:2:0, 3 = grey, 4 = 4:4:0, 5 = 4:1:1). */
int pgc_jpeg_decode(const uint8_t *jpeg, size_t len, uint64_t max_pixels,
                    uint8_t **pixels, int *width, int *height, int *samples, int *subsampling,
                    pgc_error *err);

/* Encodes a baseline (SOF0) JPEG, optimised Huffman tables off, accurate DCT. */
int pgc_jpeg_encode(const uint8_t *pixels, int width, int height, int samples,
                    int subsampling, int quality,
                    uint8_t **out, size_t *out_len, pgc_error *err);

typedef struct pgc_png_info {
    int width, height;
    int samples;                /* 1 grey, 3 RGB (alpha is never returned) */
    int bit_depth;              /* of the file: 1, 2, 4, 8 or 16 */
    int alpha_translucent;      /* an alpha channel or tRNS had non-opaque values (dropped) */
    int reduced_from_16;        /* 16-bit samples were reduced to 8 bits */
    uint8_t *icc;               /* iCCP profile (malloc'd, pgc_free) or NULL */
    size_t icc_len;
} pgc_png_info;

/* Decodes a PNG to 8-bit grey or RGB; palette images become RGB. */
int pgc_png_decode(const uint8_t *png, size_t len, uint64_t max_pixels,
                   uint8_t **pixels, pgc_png_info *info, pgc_error *err);

#ifdef __cplusplus
}
#endif

#endif
