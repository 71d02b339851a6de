// VL Photographic Image writer: caller attributes + pixel data -> Part 10 file.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcistrmf.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "fragment.h"
#include "internal.h"
#include <string>

using pgd::fail;

namespace {

// Attributes the shim derives itself; callers must not set them.
bool isOwnedTag(const DcmTagKey &k) {
    static const DcmTagKey owned[] = {
        DCM_SOPClassUID, DCM_SamplesPerPixel, DCM_PhotometricInterpretation, DCM_PlanarConfiguration,
        DCM_Rows, DCM_Columns, DCM_BitsAllocated, DCM_BitsStored, DCM_HighBit, DCM_PixelRepresentation,
        DCM_LossyImageCompression, DCM_LossyImageCompressionMethod, DCM_LossyImageCompressionRatio,
        DCM_PixelData, DCM_AcquisitionContextSequence, DCM_NumberOfFrames, DCM_ICCProfile,
        DCM_AnatomicRegionSequence};
    for (const auto &o : owned)
        if (o == k) return true;
    return k.getGroup() == 0x0002;
}

std::string dictionaryVM(const DcmTag &tag) {
    const DcmDataDictionary &dict = dcmDataDict.rdlock();
    const DcmDictEntry *e = dict.findEntry(tag, NULL);
    std::string vm = "1-n";
    if (e) {
        int lo = e->getVMMin(), hi = e->getVMMax();
        char buf[32];
        if (hi == DcmVariableVM) snprintf(buf, sizeof buf, "%d-n", lo);
        else if (lo == hi) snprintf(buf, sizeof buf, "%d", lo);
        else snprintf(buf, sizeof buf, "%d-%d", lo, hi);
        vm = buf;
    }
    dcmDataDict.rdunlock();
    return vm;
}

int putAttributes(DcmDataset *ds, const pgd_attr *attrs, size_t n, pgd_error *err) {
    for (size_t i = 0; i < n; ++i) {
        DcmTag tag(uint16_t(attrs[i].tag >> 16), uint16_t(attrs[i].tag & 0xFFFF));
        const char *v = attrs[i].value ? attrs[i].value : "";
        if (tag.getEVR() == EVR_UNKNOWN || tag.getEVR() == EVR_UN)
            return fail(err, PGD_E_ARG, "(%04X,%04X) is not in the data dictionary", tag.getGroup(), tag.getElement());
        if (tag.getEVR() == EVR_SQ || isOwnedTag(tag))
            return fail(err, PGD_E_ARG, "(%04X,%04X) %s is set by the writer", tag.getGroup(), tag.getElement(),
                        tag.getTagName());
        OFCondition c = ds->putAndInsertString(tag, v, OFTrue);
        if (c.bad())
            return fail(err, PGD_E_VALUE, "%s (%04X,%04X): %s", tag.getTagName(), tag.getGroup(), tag.getElement(),
                        c.text());
        DcmElement *el = NULL;
        if (*v && ds->findAndGetElement(tag, el).good() && el) {
            OFCondition vc = el->checkValue(dictionaryVM(tag).c_str());
            if (vc.bad())
                return fail(err, PGD_E_VALUE, "%s (%04X,%04X) value '%s': %s", tag.getTagName(), tag.getGroup(),
                            tag.getElement(), v, vc.text());
        }
    }
    return PGD_OK;
}

int putPixels(DcmDataset *ds, const pgd_pixels *px, E_TransferSyntax *xfer, pgd_error *err) {
    if (px->rows == 0 || px->columns == 0 || (px->samples != 1 && px->samples != 3) || !px->photometric)
        return fail(err, PGD_E_ARG, "bad pixel description");
    // Image Pixel module (PS3.3 C.7.6.3) with the VL Image constraints (C.8.12.1): 8 bits.
    ds->putAndInsertUint16(DCM_SamplesPerPixel, px->samples);
    ds->putAndInsertString(DCM_PhotometricInterpretation, px->photometric);
    if (px->samples == 3) ds->putAndInsertUint16(DCM_PlanarConfiguration, 0);
    ds->putAndInsertUint16(DCM_Rows, px->rows);
    ds->putAndInsertUint16(DCM_Columns, px->columns);
    ds->putAndInsertUint16(DCM_BitsAllocated, 8);
    ds->putAndInsertUint16(DCM_BitsStored, 8);
    ds->putAndInsertUint16(DCM_HighBit, 7);
    ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
    if (px->icc && px->icc_length)
        ds->putAndInsertUint8Array(DCM_ICCProfile, px->icc, Uint32(px->icc_length));

    if (!px->jpeg_path && !px->jpeg_data) {
        size_t expected = size_t(px->rows) * px->columns * px->samples;
        if (!px->native || px->native_length != expected)
            return fail(err, PGD_E_ARG, "native pixel data is %zu bytes, expected %zu", px->native_length, expected);
        ds->putAndInsertString(DCM_LossyImageCompression, "00");
        OFCondition c = ds->putAndInsertUint8Array(DCM_PixelData, px->native, Uint32(px->native_length));
        if (c.bad()) return fail(err, PGD_E_VALUE, "pixel data: %s", c.text());
        *xfer = EXS_LittleEndianExplicit;
        return PGD_OK;
    }

    // Encapsulated (PS3.5 A.4): empty Basic Offset Table + one fragment holding the whole
    // JPEG bitstream; a file-backed fragment is streamed when the data set is written.
    ds->putAndInsertString(DCM_LossyImageCompression, "01");
    ds->putAndInsertString(DCM_LossyImageCompressionRatio, px->lossy_ratio ? px->lossy_ratio : "1");
    ds->putAndInsertString(DCM_LossyImageCompressionMethod, "ISO_10918_1");
    int rc = pgd::putSingleFragment(ds, EXS_JPEGProcess1, px->jpeg_data, px->jpeg_path, px->jpeg_length, err);
    if (rc) return rc;
    *xfer = EXS_JPEGProcess1;
    return PGD_OK;
}

}  // namespace

extern "C" int pgd_write_vl_photo(const pgd_attr *attrs, size_t n_attrs, const pgd_code *anatomic,
                                  const pgd_pixels *pixels, const char *implementation_uid,
                                  const char *implementation_version, const char *out_path, pgd_error *err) {
    PGD_GUARD_BEGIN
    if (!pixels || !out_path || (n_attrs && !attrs)) return fail(err, PGD_E_ARG, "null argument");
    DcmFileFormat file;
    DcmDataset *ds = file.getDataset();
    int rc = putAttributes(ds, attrs, n_attrs, err);
    if (rc) return rc;
    ds->putAndInsertString(DCM_SOPClassUID, UID_VLPhotographicImageStorage);
    if (!ds->tagExistsWithValue(DCM_SOPInstanceUID)) return fail(err, PGD_E_ARG, "SOP Instance UID missing");

    if (anatomic && anatomic->value) {
        DcmItem *item = NULL;
        OFCondition c = ds->findOrCreateSequenceItem(DCM_AnatomicRegionSequence, item, -2);
        if (c.good()) c = item->putAndInsertString(DCM_CodeValue, anatomic->value);
        if (c.good()) c = item->putAndInsertString(DCM_CodingSchemeDesignator, anatomic->scheme);
        if (c.good()) c = item->putAndInsertString(DCM_CodeMeaning, anatomic->meaning);
        if (c.bad()) return fail(err, PGD_E_VALUE, "Anatomic Region Sequence: %s", c.text());
    }
    // Acquisition Context module (PS3.3 C.7.6.14): type 2 sequence, empty.
    ds->insertEmptyElement(DCM_AcquisitionContextSequence);

    E_TransferSyntax xfer = EXS_Unknown;
    rc = putPixels(ds, pixels, &xfer, err);
    if (rc) return rc;

    // File meta information (PS3.10 §7.1): let DCMTK build it, then name PhotoGate as the
    // implementation (DCMTK would write its own UID on every save) and recompute the group
    // length before writing the header as it stands.
    OFCondition c = file.validateMetaInfo(xfer, EWM_createNewMeta);
    if (c.bad()) return fail(err, PGD_E_VALUE, "file meta information: %s", c.text());
    DcmMetaInfo *meta = file.getMetaInfo();
    if (implementation_uid) meta->putAndInsertString(DCM_ImplementationClassUID, implementation_uid);
    if (implementation_version) meta->putAndInsertString(DCM_ImplementationVersionName, implementation_version);
    meta->computeGroupLengthAndPadding(EGL_withGL, EPD_noChange, EXS_LittleEndianExplicit);
    c = file.saveFile(out_path, xfer, EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0, EWM_dontUpdateMeta);
    if (c.bad()) return fail(err, PGD_E_IO, "cannot write %s: %s", out_path, c.text());
    return pgd::ok(err);
    PGD_GUARD_END(err)
}
