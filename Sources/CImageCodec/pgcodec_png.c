#include "pgcodec.h"
#include "pgcodec_internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *data;
    size_t len, pos;
} mem_reader;

typedef struct {
    pgc_error *err;
} err_ctx;

static void read_mem(png_structp png, png_bytep out, png_size_t n) {
    mem_reader *r = png_get_io_ptr(png);
    if (r->pos + n > r->len) png_error(png, "the data ends early (truncated PNG)");
    memcpy(out, r->data + r->pos, n);
    r->pos += n;
}

static void on_error(png_structp png, png_const_charp msg) {
    err_ctx *c = png_get_error_ptr(png);
    pgc_fail(c->err, PGC_E_DECODE, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg) { (void)png; (void)msg; }

int pgc_png_decode(const uint8_t *data, size_t len, uint64_t max_pixels,
                   uint8_t **pixels, pgc_png_info *info, pgc_error *err) {
    if (!data || !pixels || !info) return pgc_fail(err, PGC_E_ARG, "bad argument");
    memset(info, 0, sizeof *info);
    *pixels = NULL;
    err_ctx ectx = {err};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ectx, on_error, on_warning);
    if (!png) return pgc_fail(err, PGC_E_MEMORY, "cannot create a PNG reader");
    png_infop pi = png_create_info_struct(png);
    if (!pi) { png_destroy_read_struct(&png, NULL, NULL); return pgc_fail(err, PGC_E_MEMORY, "out of memory"); }

    /* volatile: modified between setjmp and a possible longjmp */
    uint8_t *volatile rgba = NULL;
    png_bytep *volatile rows = NULL;
    uint8_t *volatile out = NULL;
    mem_reader reader = {data, len, 0};

    if (setjmp(png_jmpbuf(png))) {
        free(rgba);
        free(rows);
        free(out);
        free(info->icc);
        info->icc = NULL;
        png_destroy_read_struct(&png, &pi, NULL);
        return err && err->code ? err->code : PGC_E_DECODE;
    }
    png_set_read_fn(png, &reader, read_mem);
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_set_chunk_malloc_max(png, 64u << 20);
    png_read_info(png, pi);

    png_uint_32 w = png_get_image_width(png, pi), h = png_get_image_height(png, pi);
    int depth = png_get_bit_depth(png, pi), type = png_get_color_type(png, pi);
    if ((uint64_t)w * (uint64_t)h > max_pixels) {
        png_destroy_read_struct(&png, &pi, NULL);
        return pgc_fail(err, PGC_E_LIMIT, "%ux%u pixels exceed the limit", (unsigned)w, (unsigned)h);
    }
    info->width = (int)w;
    info->height = (int)h;
    info->bit_depth = depth;

    png_charp name;
    int compression;
    png_bytep profile;
    png_uint_32 profile_len;
    if (png_get_iCCP(png, pi, &name, &compression, &profile, &profile_len) && profile_len > 0) {
        info->icc = malloc(profile_len);
        if (info->icc) { memcpy(info->icc, profile, profile_len); info->icc_len = profile_len; }
    }

    /* Normalise to 8-bit RGBA or grey+alpha, then drop alpha ourselves so we know whether
     * any pixel was translucent. No gamma handling: sample values stay as stored. */
    if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, pi, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (depth == 16) { png_set_strip_16(png); info->reduced_from_16 = 1; }
    png_set_interlace_handling(png);
    png_read_update_info(png, pi);

    int channels = png_get_channels(png, pi);
    int grey = !(png_get_color_type(png, pi) & PNG_COLOR_MASK_COLOR);
    int has_alpha = (png_get_color_type(png, pi) & PNG_COLOR_MASK_ALPHA) != 0;
    size_t rowbytes = png_get_rowbytes(png, pi);
    rgba = malloc(rowbytes * h ? rowbytes * h : 1);
    rows = malloc(sizeof(png_bytep) * (h ? h : 1));
    if (!rgba || !rows) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; ++y) rows[y] = rgba + y * rowbytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    int n = grey ? 1 : 3;
    out = malloc((size_t)w * h * n ? (size_t)w * h * n : 1);
    if (!out) png_error(png, "out of memory");
    for (png_uint_32 y = 0; y < h; ++y) {
        const uint8_t *src = rows[y];
        uint8_t *dst = out + (size_t)y * w * n;
        for (png_uint_32 x = 0; x < w; ++x) {
            memcpy(dst + (size_t)x * n, src + (size_t)x * channels, (size_t)n);
            if (has_alpha && src[(size_t)x * channels + channels - 1] != 255) info->alpha_translucent = 1;
        }
    }
    info->samples = n;
    *pixels = out;
    free(rgba);
    free(rows);
    png_destroy_read_struct(&png, &pi, NULL);
    return pgc_ok(err);
}
