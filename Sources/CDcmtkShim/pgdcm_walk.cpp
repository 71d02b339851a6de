// Walking a data set for the DICOM JSON model (PS3.18 F.2) and reading single values for
// WADO-RS bulk data; looking up tags by keyword for QIDO-RS query parameters.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "internal.h"
#include <cstdlib>
#include <vector>

using pgd::fail;

namespace {

DcmTagKey key(uint32_t tag) { return DcmTagKey(uint16_t(tag >> 16), uint16_t(tag & 0xFFFF)); }

bool isBinary(DcmEVR vr) {
    switch (vr) {
    case EVR_OB: case EVR_OW: case EVR_OF: case EVR_OD: case EVR_OL: case EVR_OV: case EVR_UN: case EVR_ox:
    case EVR_px: case EVR_lt: case EVR_UNKNOWN: case EVR_UNKNOWN2B:
        return true;
    default:
        return false;
    }
}

struct Walker {
    size_t inlineMax;
    pgd_element_cb cb;
    void *ctx;
    const char *pixelVR;

    void emit(int kind, DcmElement *el, int depth, const char *text, const uint8_t *bytes, uint64_t length) {
        pgd_element e;
        memset(&e, 0, sizeof(e));
        e.kind = kind;
        const DcmTag &tag = el->getTag();
        e.tag = (uint32_t(tag.getGroup()) << 16) | tag.getElement();
        // Internal pseudo VRs (ox, px, xs, lt…) as the VR they stand for; Pixel Data is OW
        // only when native with more than 8 bits allocated (PS3.5 8.2).
        DcmVR vr(DcmVR(el->ident()).getValidEVR());
        const char *name = vr.getVRName();
        if (tag == DCM_PixelData) name = pixelVR;
        snprintf(e.vr, sizeof(e.vr), "%s", name);
        e.depth = depth;
        e.text = text;
        e.bytes = bytes;
        e.length = length;
        cb(ctx, &e);
    }

    void item(DcmItem *item, int depth) {
        for (unsigned long i = 0; i < item->card(); ++i) {
            DcmElement *el = item->getElement(i);
            if (!el) continue;
            const DcmTag &tag = el->getTag();
            if (tag.getElement() == 0x0000) continue;  // group lengths are not in the JSON model
            DcmEVR vr = el->ident();
            if (vr == EVR_SQ) {
                DcmSequenceOfItems *sq = OFstatic_cast(DcmSequenceOfItems *, el);
                emit(PGD_EL_SEQ_BEGIN, el, depth, NULL, NULL, 0);
                for (unsigned long j = 0; j < sq->card(); ++j) {
                    emit(PGD_EL_ITEM_BEGIN, el, depth, NULL, NULL, 0);
                    this->item(sq->getItem(j), depth + 1);
                    emit(PGD_EL_ITEM_END, el, depth, NULL, NULL, 0);
                }
                emit(PGD_EL_SEQ_END, el, depth, NULL, NULL, 0);
                continue;
            }
            Uint32 length = el->getLength();
            if (tag == DCM_PixelData || (isBinary(vr) && depth == 0 && length > inlineMax)) {
                emit(PGD_EL_BULK, el, depth, NULL, NULL, length == DCM_UndefinedLength ? 0 : length);
                continue;
            }
            if (isBinary(vr)) {
                std::vector<uint8_t> bytes(length);
                if (length && el->getPartialValue(bytes.data(), 0, length, NULL, EBO_LittleEndian).bad()) continue;
                emit(PGD_EL_VALUE, el, depth, NULL, bytes.data(), length);
                continue;
            }
            OFString value;
            if (length > 0 && el->getOFStringArray(value, OFTrue).bad()) continue;
            emit(PGD_EL_VALUE, el, depth, value.c_str(), NULL, value.size());
        }
    }
};

}  // namespace

extern "C" int pgd_walk(const char *path, size_t inline_max, pgd_element_cb cb, void *ctx, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!path || !cb) return fail(err, PGD_E_ARG, "null argument");
    DcmFileFormat file;
    // Values over 4 KiB stay on disk; the pixel data is never read.
    OFCondition c = file.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (c.bad()) return fail(err, c == EC_InvalidFilename ? PGD_E_IO : PGD_E_FORMAT, "%s: %s", path, c.text());
    // JSON is UTF-8 (PS3.18 F.2): convert values of other character sets where DCMTK can
    // (ASCII and UTF-8 data sets are left as they are, Specific Character Set included).
    OFString charset;
    if (file.getDataset()->findAndGetOFStringArray(DCM_SpecificCharacterSet, charset).good() && !charset.empty() &&
        charset != "ISO_IR 192" && charset != "ISO_IR 6")
        (void)file.convertToUTF8();
    DcmDataset *ds = file.getDataset();
    Uint16 bits = 8;
    (void)ds->findAndGetUint16(DCM_BitsAllocated, bits);
    bool encapsulated = DcmXfer(ds->getOriginalXfer()).isEncapsulated();
    Walker w = {inline_max, cb, ctx, (encapsulated || bits <= 8) ? "OB" : "OW"};
    w.item(file.getDataset(), 0);
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_copy_value(const char *path, uint32_t tag, uint8_t **out, size_t *length, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!path || !out || !length) return fail(err, PGD_E_ARG, "null argument");
    *out = NULL;
    *length = 0;
    DcmFileFormat file;
    OFCondition c = file.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (c.bad()) return fail(err, c == EC_InvalidFilename ? PGD_E_IO : PGD_E_FORMAT, "%s: %s", path, c.text());
    DcmElement *el = NULL;
    if (file.getDataset()->findAndGetElement(key(tag), el).bad() || !el)
        return fail(err, PGD_E_ARG, "no attribute %08X", tag);
    if (el->ident() == EVR_SQ) return fail(err, PGD_E_ARG, "attribute %08X is a sequence", tag);
    Uint32 n = el->getLength();
    if (n == DCM_UndefinedLength) return fail(err, PGD_E_FORMAT, "attribute %08X is encapsulated", tag);
    *out = OFstatic_cast(uint8_t *, malloc(n ? n : 1));
    if (!*out) return fail(err, PGD_E_INTERNAL, "out of memory");
    if (n && el->getPartialValue(*out, 0, n, NULL, EBO_LittleEndian).bad()) {
        free(*out);
        *out = NULL;
        return fail(err, PGD_E_FORMAT, "cannot read attribute %08X", tag);
    }
    *length = n;
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_tag_for_keyword(const char *keyword, uint32_t *tag) {
    try {
        if (!keyword || !tag || !*keyword) return 0;
        const DcmDataDictionary &dict = dcmDataDict.rdlock();
        const DcmDictEntry *e = dict.findEntry(keyword);
        int found = 0;
        if (e && !e->isRepeating()) {
            DcmTagKey k = e->getKey();
            *tag = (uint32_t(k.getGroup()) << 16) | k.getElement();
            found = 1;
        }
        dcmDataDict.rdunlock();
        return found;
    } catch (...) {
        return 0;
    }
}
