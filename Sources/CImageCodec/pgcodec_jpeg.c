#include "pgcodec.h"
#include "pgcodec_internal.h"

#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

void pgc_free(void *p) { free(p); }

int pgc_jpeg_transform(const uint8_t *jpeg, size_t len, int op,
                       uint8_t **out, size_t *out_len, pgc_error *err) {
    if (!jpeg || !out || !out_len || op < 0 || op > 7) return pgc_fail(err, PGC_E_ARG, "bad argument");
    tjhandle h = tjInitTransform();
    if (!h) return pgc_fail(err, PGC_E_MEMORY, "cannot create a transform handle");
    tjtransform t;
    memset(&t, 0, sizeof t);
    t.op = op;
    t.options = TJXOPT_PERFECT;
    unsigned char *dst = NULL;
    unsigned long dst_len = 0;
    int rc = tjTransform(h, jpeg, (unsigned long)len, 1, &dst, &dst_len, &t, TJFLAG_ACCURATEDCT);
    if (rc != 0) {
        const char *msg = tjGetErrorStr2(h);
        int perfect = strstr(msg, "perfect") != NULL;
        pgc_fail(err, perfect ? PGC_E_NOT_PERFECT : PGC_E_DECODE, "lossless transform: %s", msg);
        if (dst) tjFree(dst);
        tjDestroy(h);
        return err ? err->code : PGC_E_DECODE;
    }
    tjDestroy(h);
    /* hand out a malloc'd copy so every buffer is released with pgc_free */
    *out = malloc(dst_len);
    if (!*out) { tjFree(dst); return pgc_fail(err, PGC_E_MEMORY, "out of memory"); }
    memcpy(*out, dst, dst_len);
    *out_len = dst_len;
    tjFree(dst);
    return pgc_ok(err);
}

int pgc_jpeg_decode(const uint8_t *jpeg, size_t len, uint64_t max_pixels,
                    uint8_t **pixels, int *width, int *height, int *samples, int *subsampling,
                    pgc_error *err) {
    if (!jpeg || !pixels || !width || !height || !samples || !subsampling)
        return pgc_fail(err, PGC_E_ARG, "bad argument");
    tjhandle h = tjInitDecompress();
    if (!h) return pgc_fail(err, PGC_E_MEMORY, "cannot create a decoder");
    int w = 0, ht = 0, sub = 0, cs = 0;
    if (tjDecompressHeader3(h, jpeg, (unsigned long)len, &w, &ht, &sub, &cs) != 0) {
        pgc_fail(err, PGC_E_DECODE, "%s", tjGetErrorStr2(h));
        tjDestroy(h);
        return PGC_E_DECODE;
    }
    if ((uint64_t)w * (uint64_t)ht > max_pixels) {
        tjDestroy(h);
        return pgc_fail(err, PGC_E_LIMIT, "%dx%d pixels exceed the limit", w, ht);
    }
    if (cs == TJCS_CMYK || cs == TJCS_YCCK) {
        tjDestroy(h);
        return pgc_fail(err, PGC_E_DECODE, "CMYK JPEG is not supported");
    }
    int n = (cs == TJCS_GRAY) ? 1 : 3;
    size_t size = (size_t)w * (size_t)ht * (size_t)n;
    uint8_t *buf = malloc(size ? size : 1);
    if (!buf) { tjDestroy(h); return pgc_fail(err, PGC_E_MEMORY, "out of memory for %dx%d pixels", w, ht); }
    int rc = tjDecompress2(h, jpeg, (unsigned long)len, buf, w, 0, ht, n == 1 ? TJPF_GRAY : TJPF_RGB,
                           TJFLAG_ACCURATEDCT | TJFLAG_STOPONWARNING);
    if (rc != 0) {
        pgc_fail(err, PGC_E_DECODE, "%s", tjGetErrorStr2(h));
        free(buf);
        tjDestroy(h);
        return PGC_E_DECODE;
    }
    tjDestroy(h);
    *pixels = buf;
    *width = w;
    *height = ht;
    *samples = n;
    *subsampling = sub;
    return pgc_ok(err);
}

int pgc_jpeg_encode(const uint8_t *pixels, int width, int height, int samples,
                    int subsampling, int quality,
                    uint8_t **out, size_t *out_len, pgc_error *err) {
    if (!pixels || !out || !out_len || width <= 0 || height <= 0 || (samples != 1 && samples != 3)
        || quality < 1 || quality > 100)
        return pgc_fail(err, PGC_E_ARG, "bad argument");
    tjhandle h = tjInitCompress();
    if (!h) return pgc_fail(err, PGC_E_MEMORY, "cannot create an encoder");
    int sub = samples == 1 ? TJSAMP_GRAY : subsampling;
    if (samples == 3 && (sub < TJSAMP_444 || sub == TJSAMP_GRAY || sub > TJSAMP_411)) sub = TJSAMP_420;
    unsigned char *dst = NULL;
    unsigned long dst_len = 0;
    int rc = tjCompress2(h, pixels, width, 0, height, samples == 1 ? TJPF_GRAY : TJPF_RGB,
                         &dst, &dst_len, sub, quality, TJFLAG_ACCURATEDCT);
    if (rc != 0) {
        pgc_fail(err, PGC_E_ENCODE, "%s", tjGetErrorStr2(h));
        if (dst) tjFree(dst);
        tjDestroy(h);
        return PGC_E_ENCODE;
    }
    tjDestroy(h);
    *out = malloc(dst_len);
    if (!*out) { tjFree(dst); return pgc_fail(err, PGC_E_MEMORY, "out of memory"); }
    memcpy(*out, dst, dst_len);
    *out_len = dst_len;
    tjFree(dst);
    return pgc_ok(err);
}
