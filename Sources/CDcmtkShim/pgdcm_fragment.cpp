// Encapsulated pixel data with a single fragment, for the writer and the editor.
#include "fragment.h"
#include "dcmtk/dcmdata/dcistrmf.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "internal.h"

namespace pgd {

int putSingleFragment(DcmDataset *ds, E_TransferSyntax xfer, const uint8_t *data, const char *path, uint64_t length,
                      pgd_error *err) {
    if (length == 0 || (length & 1) || length > 0xFFFFFFF0ull)
        return fail(err, PGD_E_ARG, "encapsulated fragment length %llu must be even and below 4 GiB",
                    (unsigned long long)length);
    DcmPixelSequence *seq = new DcmPixelSequence(DCM_PixelSequenceTag);
    seq->insert(new DcmPixelItem(DCM_PixelItemTag));
    DcmPixelItem *fragment = new DcmPixelItem(DCM_PixelItemTag);
    OFCondition c = path ? fragment->createValueFromTempFile(new DcmInputFileStreamFactory(path, 0), Uint32(length),
                                                              EBO_LittleEndian)
                         : fragment->putUint8Array(data, Uint32(length));
    if (c.good()) c = seq->insert(fragment);
    if (c.bad()) {
        delete fragment;
        delete seq;
        return fail(err, PGD_E_IO, "JPEG fragment: %s", c.text());
    }
    DcmPixelData *pixelData = new DcmPixelData(DCM_PixelData);
    pixelData->putOriginalRepresentation(xfer, NULL, seq);
    c = ds->insert(pixelData, OFTrue);
    if (c.bad()) {
        delete pixelData;
        return fail(err, PGD_E_VALUE, "pixel data: %s", c.text());
    }
    return PGD_OK;
}

}  // namespace pgd
