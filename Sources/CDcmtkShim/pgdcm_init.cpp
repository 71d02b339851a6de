// Process-wide set-up: Nagle, DCMTK logging, data dictionary.
#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dctk.h"
#include "dcmtk/dcmdata/dcdict.h"
#include "dcmtk/oflog/oflog.h"
#include "internal.h"
#include <cstdlib>

extern "C" int pgd_init(const char *dict_path, int log_level, pgd_error *err) {
    PGD_GUARD_BEGIN
    // Debian's DCMTK 3.6.7 keeps Nagle on unless TCP_NODELAY=1 is in the environment when
    // a socket is created: small C-STOREs then cost ~44 ms each on loopback. Respect an
    // explicit user setting. Must run before any thread exists (setenv is not thread-safe).
    setenv("TCP_NODELAY", "1", 0);

    OFLogger::LogLevel level;
    switch (log_level) {
        case 0: level = OFLogger::TRACE_LOG_LEVEL; break;
        case 1: level = OFLogger::DEBUG_LOG_LEVEL; break;
        case 2: level = OFLogger::INFO_LOG_LEVEL; break;
        case 3: level = OFLogger::WARN_LOG_LEVEL; break;
        case 4: level = OFLogger::ERROR_LOG_LEVEL; break;
        case 5: level = OFLogger::FATAL_LOG_LEVEL; break;
        default: level = OFLogger::OFF_LOG_LEVEL; break;
    }
    OFLog::configure(level);

    // Load the dictionary now rather than lazily on whichever thread touches a tag first,
    // and fail loudly: DCMTK alone only warns and then mis-parses every file.
    if (dict_path && *dict_path) {
        DcmDataDictionary &dict = dcmDataDict.wrlock();
        OFBool loaded = dict.loadDictionary(dict_path, OFTrue);
        dcmDataDict.wrunlock();
        if (!loaded) return pgd::fail(err, PGD_E_INIT, "cannot load the DICOM data dictionary %s", dict_path);
    }
    if (!dcmDataDict.isDictionaryLoaded())
        return pgd::fail(err, PGD_E_INIT,
                         "no DICOM data dictionary loaded (is %s readable? DCMDICTPATH overrides it)",
                         DCM_DICT_DEFAULT_PATH);
    return pgd::ok(err);
    PGD_GUARD_END(err)
}

extern "C" void pgd_free(void *p) { free(p); }

extern "C" void pgd_tag_keyword(uint32_t tag, char *buf, size_t cap) {
    try {
        DcmTag t(uint16_t(tag >> 16), uint16_t(tag & 0xFFFF));
        const char *name = t.getTagName();
        pgd::copyOut(name && strcmp(name, DcmTag_ERROR_TagName) != 0 ? name : "", buf, cap);
    } catch (...) {
        pgd::copyOut("", buf, cap);
    }
}

extern "C" void pgd_uid_name(const char *uid, char *buf, size_t cap) {
    try {
        const char *name = uid ? dcmFindNameOfUID(uid) : NULL;
        pgd::copyOut(name, buf, cap);
    } catch (...) {
        pgd::copyOut("", buf, cap);
    }
}
