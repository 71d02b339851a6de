// Rewriting stored objects (new attribute values, a cleaned JPEG fragment) and rendering a
// data set as DICOM JSON (PS3.18 F.2).
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcistrmf.h"
#include "dcmtk/dcmdata/dcjson.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "fragment.h"
#include "internal.h"
#include <cstdlib>
#include <sstream>

using pgd::fail;

namespace {

DcmTagKey key(uint32_t tag) { return DcmTagKey(uint16_t(tag >> 16), uint16_t(tag & 0xFFFF)); }

// Replaces the encapsulated pixel data with one fragment (PS3.5 A.4): from memory (padded to
// even length here) or streamed from a file (even length).
int replaceFragment(DcmDataset *ds, E_TransferSyntax xfer, const uint8_t *data, size_t length, const char *path,
                    uint64_t pathLength, pgd_error *err) {
    if (!DcmXfer(xfer).isEncapsulated()) return fail(err, PGD_E_FORMAT, "pixel data is not encapsulated");
    if (path) return pgd::putSingleFragment(ds, xfer, NULL, path, pathLength, err);
    OFVector<Uint8> padded(data, data + length);
    if (padded.size() % 2) padded.push_back(0);
    return pgd::putSingleFragment(ds, xfer, padded.data(), NULL, padded.size(), err);
}

int rewrite(const char *in_path, const pgd_attr *set, size_t n_set, const uint8_t *fragment, size_t fragment_length,
            const char *fragment_path, uint64_t fragment_path_length, const char *out_path, pgd_error *err) {
    if (!in_path || !out_path || (n_set && !set)) return fail(err, PGD_E_ARG, "null argument");
    DcmFileFormat file;
    // Values over 4 KiB stay on disk until written (the pixel data of a large object).
    OFCondition c = file.loadFile(in_path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (c.bad()) return fail(err, c == EC_InvalidFilename ? PGD_E_IO : PGD_E_FORMAT, "%s: %s", in_path, c.text());
    DcmDataset *ds = file.getDataset();
    E_TransferSyntax xfer = ds->getOriginalXfer();
    for (size_t i = 0; i < n_set; ++i) {
        if (!set[i].value) return fail(err, PGD_E_ARG, "attribute %08X has no value", set[i].tag);
        DcmTag tag(key(set[i].tag));
        c = set[i].value[0] ? ds->putAndInsertString(tag, set[i].value) : ds->insertEmptyElement(tag, OFTrue);
        if (c.bad()) return fail(err, PGD_E_VALUE, "%s: %s", tag.getTagName(), c.text());
    }
    if (fragment || fragment_path) {
        int rc = replaceFragment(ds, xfer, fragment, fragment_length, fragment_path, fragment_path_length, err);
        if (rc) return rc;
    }
    // Same transfer syntax and SOP Instance UID; the meta header is kept as it was.
    c = file.saveFile(out_path, xfer, EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0, EWM_fileformat);
    if (c.bad()) return fail(err, PGD_E_IO, "cannot write %s: %s", out_path, c.text());
    return pgd::ok(err);
}

// Bulk data (pixel data and other binary values over 1 KiB) as BulkDataURI elements under
// `base` (PS3.18 F.2.6), everything else inline.
class BulkFormat : public DcmJsonFormatCompact {
public:
    explicit BulkFormat(const char *base) : DcmJsonFormatCompact(OFTrue), base_(base ? base : "") {}
    OFBool asBulkDataURI(const DcmTagKey &tag, OFString &uri) override {
        if (base_.empty()) return OFFalse;
        if (tag != DCM_PixelData && tag != DCM_ICCProfile && tag != DCM_EncapsulatedDocument) return OFFalse;
        char hex[16];
        snprintf(hex, sizeof(hex), "%04X%04X", tag.getGroup(), tag.getElement());
        uri = base_ + "/bulkdata/" + hex;
        return OFTrue;
    }

private:
    OFString base_;
};

}  // namespace

extern "C" int pgd_rewrite(const char *in_path, const pgd_attr *set, size_t n_set, const uint8_t *fragment,
                           size_t fragment_length, const char *out_path, pgd_error *err) {
    PGD_GUARD_BEGIN
    return rewrite(in_path, set, n_set, fragment, fragment_length, NULL, 0, out_path, err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_rewrite_fragment_file(const char *in_path, const pgd_attr *set, size_t n_set,
                                         const char *fragment_path, uint64_t fragment_length, const char *out_path,
                                         pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!fragment_path) return fail(err, PGD_E_ARG, "null argument");
    return rewrite(in_path, set, n_set, NULL, 0, fragment_path, fragment_length, out_path, err);
    PGD_GUARD_END(err)
}

extern "C" int pgd_to_json(const char *path, const char *bulk_base, char **out, size_t *length, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!path || !out || !length) return fail(err, PGD_E_ARG, "null argument");
    DcmFileFormat file;
    OFCondition c = file.loadFile(path, EXS_Unknown, EGL_noChange, 4096, ERM_autoDetect);
    if (c.bad()) return fail(err, c == EC_InvalidFilename ? PGD_E_IO : PGD_E_FORMAT, "%s: %s", path, c.text());
    BulkFormat format(bulk_base);
    // DcmDataset::writeJson (3.6.7) writes the members without the enclosing braces.
    std::ostringstream json;
    json << "{";
    c = file.getDataset()->writeJson(json, format);
    json << "}";
    if (c.bad()) return fail(err, PGD_E_FORMAT, "DICOM JSON: %s", c.text());
    std::string text = json.str();
    *out = OFstatic_cast(char *, malloc(text.size() + 1));
    if (!*out) return fail(err, PGD_E_INTERNAL, "out of memory");
    memcpy(*out, text.c_str(), text.size() + 1);
    *length = text.size();
    return pgd::ok(err);
    PGD_GUARD_END(err)
}
