// The one way the shim writes encapsulated pixel data (C++ only).
#pragma once
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "pgdcm.h"

namespace pgd {

// Puts Pixel Data as an empty Basic Offset Table and one fragment (PS3.5 A.4), from memory
// (`data`) or streamed from the file `path` when the data set is written; `length` must be
// even. The transfer syntax is the one the data set will be written in.
int putSingleFragment(DcmDataset *ds, E_TransferSyntax xfer, const uint8_t *data, const char *path, uint64_t length,
                      pgd_error *err);

}  // namespace pgd
