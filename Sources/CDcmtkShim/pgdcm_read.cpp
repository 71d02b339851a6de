// Reading Part 10 files without loading large values (pixel data stays on disk).
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcfcache.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "internal.h"
#include <cstdlib>

using pgd::fail;

struct pgd_file {
    DcmFileFormat format;
    DcmFileCache cache;  // keeps the file open between partial reads of a large value
};

namespace {

DcmTagKey key(uint32_t tag) { return DcmTagKey(uint16_t(tag >> 16), uint16_t(tag & 0xFFFF)); }

DcmPixelSequence *fragmentsOf(pgd_file *f) {
    DcmElement *el = NULL;
    if (f->format.getDataset()->findAndGetElement(DCM_PixelData, el).bad() || !el) return NULL;
    DcmPixelData *pd = OFstatic_cast(DcmPixelData *, el);
    DcmPixelSequence *seq = NULL;
    E_TransferSyntax xfer = f->format.getDataset()->getOriginalXfer();
    if (!DcmXfer(xfer).isEncapsulated()) return NULL;
    if (pd->getEncapsulatedRepresentation(xfer, NULL, seq).bad()) return NULL;
    return seq;
}

}  // namespace

extern "C" int pgd_open(const char *path, pgd_file **out, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!path || !out) return fail(err, PGD_E_ARG, "null argument");
    *out = NULL;
    pgd_file *f = new pgd_file;
    OFCondition c = f->format.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (c.bad()) {
        delete f;
        return fail(err, c == EC_InvalidFilename ? PGD_E_IO : PGD_E_FORMAT, "%s: %s", path, c.text());
    }
    *out = f;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" void pgd_close(pgd_file *f) { delete f; }

extern "C" int pgd_get_string(pgd_file *f, uint32_t seq_tag, uint32_t item, uint32_t tag, char *buf, size_t cap) {
    try {
        if (!f) return 0;
        OFString value;
        DcmItem *where = (tag >> 16) == 0x0002 ? OFstatic_cast(DcmItem *, f->format.getMetaInfo())
                                               : OFstatic_cast(DcmItem *, f->format.getDataset());
        if (seq_tag) {
            DcmItem *child = NULL;
            if (where->findAndGetSequenceItem(key(seq_tag), child, OFstatic_cast(signed long, item)).bad() || !child) return 0;
            where = child;
        }
        DcmElement *el = NULL;
        if (where->findAndGetElement(key(tag), el).bad() || !el) return 0;
        if (el->getOFStringArray(value).bad()) value.clear();
        pgd::copyOut(value.c_str(), buf, cap);
        return 1;
    } catch (...) {
        return 0;
    }
}

extern "C" int pgd_get_length(pgd_file *f, uint32_t tag, uint64_t *length) {
    try {
        DcmElement *el = NULL;
        if (!f || f->format.getDataset()->findAndGetElement(key(tag), el).bad() || !el) return 0;
        if (length) *length = el->getLength();
        return 1;
    } catch (...) {
        return 0;
    }
}

extern "C" int pgd_pixel_fragments(pgd_file *f, uint32_t *fragments, uint64_t *bytes) {
    try {
        DcmPixelSequence *seq = fragmentsOf(f);
        if (!seq) return 0;
        unsigned long n = seq->card();
        uint64_t total = 0;
        for (unsigned long i = 1; i < n; ++i) {
            DcmPixelItem *item = NULL;
            if (seq->getItem(item, i).good() && item) total += item->getLength();
        }
        if (fragments) *fragments = n > 0 ? uint32_t(n - 1) : 0;
        if (bytes) *bytes = total;
        return 1;
    } catch (...) {
        return 0;
    }
}

extern "C" int pgd_copy_fragment(pgd_file *f, uint32_t index, uint8_t **out, size_t *length, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!f || !out || !length) return fail(err, PGD_E_ARG, "null argument");
    DcmPixelSequence *seq = fragmentsOf(f);
    if (!seq) return fail(err, PGD_E_FORMAT, "no encapsulated pixel data");
    DcmPixelItem *item = NULL;
    if (seq->getItem(item, index + 1).bad() || !item) return fail(err, PGD_E_FORMAT, "no fragment %u", index);
    Uint8 *data = NULL;
    if (item->getUint8Array(data).bad()) return fail(err, PGD_E_IO, "cannot load fragment %u", index);
    size_t n = item->getLength();
    *out = OFstatic_cast(uint8_t *, malloc(n ? n : 1));
    if (!*out) return fail(err, PGD_E_INTERNAL, "out of memory");
    if (n) memcpy(*out, data, n);
    *length = n;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_copy_native_pixels(pgd_file *f, uint8_t **out, size_t *length, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!f || !out || !length) return fail(err, PGD_E_ARG, "null argument");
    if (DcmXfer(f->format.getDataset()->getOriginalXfer()).isEncapsulated())
        return fail(err, PGD_E_FORMAT, "pixel data is encapsulated");
    const Uint8 *data = NULL;
    unsigned long n = 0;
    if (f->format.getDataset()->findAndGetUint8Array(DCM_PixelData, data, &n).bad() || !data)
        return fail(err, PGD_E_FORMAT, "no native pixel data");
    *out = OFstatic_cast(uint8_t *, malloc(n ? n : 1));
    if (!*out) return fail(err, PGD_E_INTERNAL, "out of memory");
    if (n) memcpy(*out, data, n);
    *length = n;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

namespace {

DcmPixelItem *fragmentItem(pgd_file *f, uint32_t index) {
    DcmPixelSequence *seq = fragmentsOf(f);
    DcmPixelItem *item = NULL;
    if (!seq || seq->getItem(item, index + 1).bad()) return NULL;
    return item;
}

}  // namespace

extern "C" int pgd_fragment_length(pgd_file *f, uint32_t index, uint64_t *length) {
    try {
        DcmPixelItem *item = f ? fragmentItem(f, index) : NULL;
        if (!item) return 0;
        if (length) *length = item->getLength();
        return 1;
    } catch (...) {
        return 0;
    }
}

extern "C" int pgd_read_fragment(pgd_file *f, uint32_t index, uint64_t offset, uint8_t *buf, size_t cap, size_t *got,
                                 pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!f || !buf || !got) return fail(err, PGD_E_ARG, "null argument");
    *got = 0;
    DcmPixelItem *item = fragmentItem(f, index);
    if (!item) return fail(err, PGD_E_FORMAT, "no fragment %u", index);
    uint64_t length = item->getLength();
    if (offset >= length) return pgd::ok(err);
    size_t n = size_t(uint64_t(cap) < length - offset ? uint64_t(cap) : length - offset);
    OFCondition c = item->getPartialValue(buf, Uint32(offset), Uint32(n), &f->cache);
    if (c.bad()) return fail(err, PGD_E_IO, "fragment %u: %s", index, c.text());
    *got = n;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}
