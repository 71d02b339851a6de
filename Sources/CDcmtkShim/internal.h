// Helpers shared by the shim's translation units (C++ only).
#pragma once
#include "pgdcm.h"
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <exception>

namespace pgd {

inline int fail(pgd_error *err, int code, const char *fmt, ...) {
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof(err->message), fmt, ap);
        va_end(ap);
    }
    return code;
}

inline int ok(pgd_error *err) {
    if (err) { err->code = 0; err->message[0] = '\0'; }
    return PGD_OK;
}

inline void copyOut(const char *s, char *buf, size_t cap) {
    if (!buf || cap == 0) return;
    snprintf(buf, cap, "%s", s ? s : "");
}

}  // namespace pgd

// No C++ exception may unwind into Swift frames (undefined behaviour).
#define PGD_GUARD_BEGIN try {
#define PGD_GUARD_END(err)                                                         \
    } catch (const std::exception &e) {                                            \
        return pgd::fail(err, PGD_E_INTERNAL, "DCMTK raised: %s", e.what());       \
    } catch (...) {                                                                \
        return pgd::fail(err, PGD_E_INTERNAL, "DCMTK raised an unknown exception"); \
    }
