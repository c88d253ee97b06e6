/* status.c — status names, version and build flavor. */
#include "lrplay.h"
#include "simd.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>

const char *lrp_status_str(lrp_status s) {
    switch (s) {
    case LRP_OK:        return "ok";
    case LRP_EINVAL:    return "invalid argument";
    case LRP_ENOMEM:    return "out of memory";
    case LRP_ELIMIT:    return "over a size limit";
    case LRP_EDIVERGED: return "diverged";
    case LRP_ESTATE:    return "call out of order";
    }
    return "unknown status";
}

const char *lrp_version(void) { return LRP_VERSION; }

const char *lrp_build_flavor(void) { return LRP_SIMD_NAME; }

static void say_v(char *err, size_t errlen, const char *fmt, va_list ap) {
    if (!err || errlen == 0) return;
    vsnprintf(err, errlen, fmt, ap);
}

void lrp_say(char *err, size_t errlen, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say_v(err, errlen, fmt, ap);
    va_end(ap);
}

lrp_status lrp_fail(char *err, size_t errlen, lrp_status st, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    say_v(err, errlen, fmt, ap);
    va_end(ap);
    return st;
}
