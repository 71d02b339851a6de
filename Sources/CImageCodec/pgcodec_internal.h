#ifndef PGCODEC_INTERNAL_H
#define PGCODEC_INTERNAL_H
#include "pgcodec.h"
#include <stdarg.h>
#include <stdio.h>

static inline int pgc_fail(pgc_error *err, int code, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

static inline int pgc_ok(pgc_error *err) {
    if (err) { err->code = 0; err->message[0] = 0; }
    return PGC_OK;
}
#endif
